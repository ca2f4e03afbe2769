"""The deploy files name commands and modules that exist: a renamed command
would otherwise leave a production machine without workers or periodic jobs."""

import re
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def _manage_commands(text: str) -> set[str]:
    return set(re.findall(r"manage\.py\s+([a-z_]+)", text))


def test_systemd_units_and_cron_run_existing_commands():
    known = set(get_commands())
    files = [*DEPLOY.glob("*.service"), DEPLOY / "cron"]
    named = set()
    for path in files:
        for command in _manage_commands(path.read_text()):
            assert command in known, f"{path.name}: manage.py {command} n'existe pas"
            named.add(command)
    assert {"run_worker", "run_periodic", "backup"} <= named


def test_the_web_unit_runs_gunicorn_on_the_project_wsgi_application():
    import importlib

    import gunicorn  # noqa: F401 - in requirements.txt for production

    unit = (DEPLOY / "avis-de-quartiers-web.service").read_text()
    module, attribute = re.search(r"gunicorn\s+([\w.]+):(\w+)", unit).groups()
    assert callable(getattr(importlib.import_module(module), attribute))


def test_the_environment_example_names_only_settings_that_are_read():
    from quartiers.config import env

    source = Path(env.__file__).read_text()
    example = (DEPLOY / "env.example").read_text()
    for name in re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M):
        if name == "DJANGO_SETTINGS_MODULE":
            continue
        assert f'"{name}"' in source, f"env.example : {name} n'est lu nulle part"
