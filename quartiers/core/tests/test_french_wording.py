"""French wording: a portal name after "de" or "à" merges with its article
("des Hauts-Prés", "au Moulin"), 0 and 1 are singular, the first day of a
month is "1er", file sizes are in Ko/Mo."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import translation

from quartiers.core.templatetags.french import datefr, of_place, to_place

WRONG = re.compile(r"\b(de|à|De|À) (Les|Le|La|L'|L’)\b")


@pytest.mark.parametrize(
    "name, of, to",
    [
        ("Les Hauts-Prés", "des Hauts-Prés", "aux Hauts-Prés"),
        ("Le Moulin", "du Moulin", "au Moulin"),
        ("La Source", "de la Source", "à la Source"),
        ("L'Étang", "de l’Étang", "à l’Étang"),
        ("L’Ormeau", "de l’Ormeau", "à l’Ormeau"),
        ("Orly", "d’Orly", "à Orly"),
        ("Bobigny", "de Bobigny", "à Bobigny"),
        ("Lesparre", "de Lesparre", "à Lesparre"),
    ],
)
def test_names_after_a_preposition(name, of, to):
    with translation.override("fr"):
        assert of_place(name) == of
        assert to_place(name) == to
        rendered = Template("{% load french %}{{ n|de }} / {{ n|a }}").render(
            Context({"n": name})
        )
        assert rendered == f"{of} / {to}".replace("'", "&#x27;")


def test_other_languages_keep_the_name():
    with translation.override("en"):
        assert of_place("Les Hauts-Prés") == "Les Hauts-Prés"


def test_first_day_of_the_month_is_1er():
    with translation.override("fr"):
        assert datefr(date(2026, 12, 1), "l j F Y") == "mardi 1er décembre 2026"
        assert datefr(date(2026, 12, 2), "l j F") == "mercredi 2 décembre"
    with translation.override("en"):
        assert datefr(date(2026, 12, 1), "j F") == "1 December"


def test_zero_and_one_are_singular_in_french():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} "
        "commentaire{% plural %}{{ counter }} commentaires{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"n": 0})) == "0 commentaire"
        assert template.render(Context({"n": 1})) == "1 commentaire"
        assert template.render(Context({"n": 2})) == "2 commentaires"


def test_file_sizes_in_ko_and_mo():
    with translation.override("fr"):
        sizes = [
            filesizeformat(n).replace("\xa0", " ") for n in (12_345_678, 20_000, 0)
        ]
    assert sizes == ["11,8 Mo", "19,5 Ko", "0 octet"]


@pytest.fixture
def les_tilleuls(db):
    from quartiers.portals import services

    return services.portal_create(
        actor=None, slug="tilleuls", name="Les Tilleuls", town="Évry"
    )


def test_pages_of_a_portal_named_les_say_des(client, les_tilleuls):
    for path in (
        "/tilleuls/",
        "/tilleuls/journal/",
        "/tilleuls/agenda/",
        "/tilleuls/annonces/",
        "/tilleuls/acteurs/",
        "/tilleuls/participer/",
        "/tilleuls/radio/",
        "/tilleuls/blogs/",
        "/tilleuls/infos-pratiques/",
        "/tilleuls/page-qui-n-existe-pas/",
    ):
        html = client.get(path).content.decode()
        assert not WRONG.search(html), (path, WRONG.search(html))
    html = client.get("/tilleuls/page-qui-n-existe-pas/").content.decode()
    assert "accueil des Tilleuls" in html


@pytest.mark.parametrize(
    "template",
    [
        "classifieds/emails/contact_relay.txt",
        "classifieds/emails/reminder.txt",
        "classifieds/emails/to_author_decision.txt",
        "moderation/emails/to_animators_review.txt",
        "moderation/emails/to_animators_withdrawn.txt",
        "moderation/emails/to_author_decision.txt",
        "moderation/emails/to_author_withdrawn.txt",
        "newsroom/emails/to_author_status.txt",
        "radio/emails/to_author_received.txt",
        "directory/emails/to_animator_stale.txt",
        "directory/emails/to_animator_suggested.txt",
    ],
)
def test_emails_of_a_portal_named_les_say_des(template, les_tilleuls):
    thing = SimpleNamespace(
        title="Un titre", name="Un nom", pk=1, public_name="Awa", get_absolute_url="/"
    )
    context = {
        "portal": les_tilleuls,
        "person": thing,
        "ad": thing,
        "episode": thing,
        "actor": thing,
        "suggested_by": thing,
        "submission": thing,
        "pages": [],
        "items": [],
    }
    with translation.override("fr"):
        text = render_to_string(template, context)
    assert not WRONG.search(text), WRONG.search(text)
    assert "des Tilleuls" in text
