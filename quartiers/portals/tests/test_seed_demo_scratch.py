"""seed_demo leaves nothing behind in the system's temporary folder."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from quartiers.portals import demo

pytestmark = pytest.mark.django_db


def test_temporary_files_of_the_demo_are_removed(monkeypatch):
    made = []

    def fake_seed():
        # What the radio and TV demos do: a folder of generated media.
        folder = Path(tempfile.mkdtemp(prefix="demo-radio-"))
        (folder / "son.wav").write_bytes(b"RIFF")
        made.append(folder)
        return []

    monkeypatch.setattr(demo, "seed_demo", fake_seed)
    before = tempfile.gettempdir()
    call_command("seed_demo", "--quiet-logins")
    assert made and not made[0].exists()
    # It was made inside the demo's own scratch folder, removed with it.
    assert made[0].parent.name.startswith("quartiers-demo-")
    assert not made[0].parent.exists()
    assert tempfile.gettempdir() == before
