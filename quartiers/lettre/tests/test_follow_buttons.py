"""« Suivre » on an actor's page and on a show's page: a plain link to the
portal's follow form with that item ticked, which a visitor can follow
through to the end without JavaScript."""

import re
from html import unescape

import pytest

from quartiers.directory.models import LocalActor
from quartiers.lettre.models import Follow
from quartiers.radio import selectors as radio_selectors
from quartiers.radio import services as radio_services
from quartiers.radio.models import ShowPage

pytestmark = pytest.mark.django_db


def make_actor(portal, name, **fields):
    from django.utils.text import slugify

    values = {"slug": slugify(name), "status": LocalActor.PUBLISHED, **fields}
    return LocalActor.objects.create(portal=portal, name=name, **values)


def make_show(portal, title):
    radio = radio_selectors.radio_of(portal)
    show = ShowPage(
        title=title, slug=radio_services.unique_slug(radio, title, fallback="emission")
    )
    radio.add_child(instance=show)
    show.save_revision().publish()
    show.refresh_from_db()
    return show


def _follow_link(html: str, label: str) -> str:
    found = re.search(r'<a [^>]*href="([^"]+)"[^>]*>' + re.escape(label) + "</a>", html)
    assert found, f"no « {label} » link"
    return unescape(found.group(1))


def test_an_actor_page_leads_to_its_follow_form(
    client,
    portal_a,
    resident_a,
):
    actor = make_actor(portal_a, "Régie de quartier")
    html = client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()
    link = _follow_link(html, "Suivre cet acteur")
    assert link == f"/alpha/suivre/?cible=actor&cle={actor.pk}"
    form = client.get(link).content.decode()
    # The actor is offered first, and ticked.
    assert re.search(
        rf'value="actor:{actor.pk}"[^>]*checked|checked[^>]*value="actor:{actor.pk}"',
        form,
    )
    assert "Régie de quartier" in form
    client.force_login(resident_a)
    client.post(link, {"targets": [f"actor:{actor.pk}"]})
    follow = Follow.objects.get(subscriber__user=resident_a)
    assert (follow.target, follow.key) == ("actor", str(actor.pk))


def test_a_show_page_leads_to_its_follow_form(client, portal_a, resident_a):
    show = make_show(portal_a, "Les Voix du quartier")
    html = client.get(show.url).content.decode()
    link = _follow_link(html, "Suivre cette émission")
    assert link == f"/alpha/suivre/?cible=show&cle={show.pk}"
    form = client.get(link).content.decode()
    assert re.search(
        rf'value="show:{show.pk}"[^>]*checked|checked[^>]*value="show:{show.pk}"',
        form,
    )
    client.post(link, {"targets": [f"show:{show.pk}"], "email": "ecoute@example.org"})
    follow = Follow.objects.get(subscriber__email="ecoute@example.org")
    assert (follow.target, follow.key, follow.confirmed_at) == (
        "show",
        str(show.pk),
        None,
    )
