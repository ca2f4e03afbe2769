"""Every form a template draws carries its CSRF token in a real browser.

``{% include "x.html" with … only %}`` hands the included template only what
is named: the token from the context processor is not among them, so a form
inside it posts without one and a browser gets "Le formulaire a expiré"
(Django's test client does not check the token, so no view test notices).
This reads every project template and fails on an ``only`` include whose
template (or one it includes) has a ``{% csrf_token %}``, or whose name is
computed, that does not pass ``csrf_token`` along.

The second test posts a decision from the moderation inbox with the token
checked, as a browser does.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "quartiers"
INCLUDE = re.compile(r"{%\s*include\s+(\S+)(.*?)%}", re.DOTALL)


def _templates() -> dict[str, Path]:
    found = {}
    for folder in ROOT.glob("**/templates"):
        for path in folder.glob("**/*.html"):
            found.setdefault(path.relative_to(folder).as_posix(), path)
    return found


def _has_form_token(name: str, templates: dict, seen: set) -> bool:
    if name in seen or name not in templates:
        return False
    seen.add(name)
    text = templates[name].read_text(encoding="utf-8")
    if "{% csrf_token %}" in text:
        return True
    return any(
        _has_form_token(target.strip("\"'"), templates, seen)
        for target, _rest in INCLUDE.findall(text)
    )


def test_only_includes_pass_the_csrf_token_to_their_forms():
    templates = _templates()
    missing = []
    for name, path in templates.items():
        for target, rest in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if not re.search(r"\bonly\s*$", rest.strip()):
                continue
            computed = not target.startswith(("'", '"'))
            needs = computed or _has_form_token(target.strip("\"'"), templates, set())
            if needs and "csrf_token=csrf_token" not in rest:
                missing.append(f"{name}: include {target}")
    assert missing == []


@pytest.mark.django_db
def test_a_decision_from_the_inbox_posts_with_its_token(
    staff_client, portal_a, animator_a, resident_a
):
    from quartiers.classifieds import services as ad_services
    from quartiers.classifieds.models import Ad

    ad = ad_services.ad_create(
        portal=portal_a,
        actor=resident_a,
        kind=Ad.GIFT,
        title="Poussette à donner",
        text="Poussette pliable, bon état.",
        photos=None,
    )
    client = staff_client(animator_a)
    client.handler.enforce_csrf_checks = True
    html = client.get("/admin/moderation/").content.decode()
    form = re.search(
        rf'<form method="post" action="([^"]*/{ad.pk}/[^"]*)">(.*?)</form>',
        html,
        re.DOTALL,
    )
    assert form, "the inbox shows the ad with its decision form"
    fields = dict(
        re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)
        )
    )
    assert fields.get("csrfmiddlewaretoken"), "the decision form carries its token"
    answer = client.post(form.group(1), {**fields, "decision": "publish"})
    assert answer.status_code == 302
    ad.refresh_from_db()
    assert ad.status == Ad.PUBLISHED
