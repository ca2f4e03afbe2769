"""One write path: every act of an animator in the admin goes through a
service, leaves one audit entry (who, what, when, why, which portal) that the
portal's animators and the coordination read, and another portal's animator
can neither act nor read.

The last test enumerates the services and fails on one that nothing but the
tests calls: a dead service is a second write path waiting to happen.
"""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.classifieds.models import Ad
from quartiers.comments.models import Comment
from quartiers.directory import services as directory_services
from quartiers.directory.models import LocalActor
from quartiers.moderation import services as moderation_services
from quartiers.newsroom.models import Rubrique
from quartiers.portals import audit
from quartiers.portals import services as portal_services
from quartiers.radio import selectors as radio_selectors
from quartiers.radio import services as radio_services
from quartiers.radio.models import RadioSettings, ScheduleSlot, ShowPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
EVENTS = "/admin/snippets/agenda/event/"
ACTORS = "/admin/snippets/directory/localactor/"
SLOTS = "/admin/snippets/radio/scheduleslot/"
STREAM = "/admin/snippets/radio/radiosettings/"
RUBRIQUES = "/admin/snippets/newsroom/rubrique/"


# -- helpers ----------------------------------------------------------------------


def _entries(instance, action=None):
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
    )
    return entries.filter(action=action) if action else entries


def _one_entry(instance, action, *, actor, portal, reason=""):
    """The act left exactly one entry, naming who, which portal and why."""
    entries = list(_entries(instance, action))
    assert len(entries) == 1, [e.action for e in _entries(instance)]
    entry = entries[0]
    assert entry.user_id == actor.pk
    assert entry.data["portal"] == portal.pk
    assert entry.data["reason"] == reason
    assert entry.timestamp is not None
    return entry


def _ad(portal, author, status=Ad.PENDING, title="Vélo d'enfant à donner"):
    return Ad.objects.create(
        portal=portal,
        author=author,
        author_name=author.public_name,
        title=title,
        kind=Ad.GIFT,
        text="Un petit vélo bleu, roues stabilisatrices comprises.",
        status=status,
    )


def _event(portal, title="Repas partagé", actor=None):
    return agenda_services.event_propose(
        portal=portal,
        actor=actor,
        fields=agenda_services.EventFields(
            title=title,
            start=timezone.now() + timedelta(days=5),
            place_name="Salle des fêtes",
        ),
    )


def _actor(portal, name="Atelier vélo", status=LocalActor.SUGGESTED, **fields):
    from django.utils.text import slugify

    return LocalActor.objects.create(
        portal=portal,
        name=name,
        slug=slugify(name),
        kind=LocalActor.ASSOCIATION,
        status=status,
        **fields,
    )


def _show(portal, title="Les Voix du quartier"):
    radio = radio_selectors.radio_of(portal)
    show = ShowPage(
        title=title, slug=radio_services.unique_slug(radio, title, fallback="e")
    )
    radio.add_child(instance=show)
    show.save_revision().publish()
    return show


def _actor_form(actor, **changes):
    data = {
        "portal": actor.portal_id,
        "status": actor.status,
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        **dict.fromkeys(
            (
                "description",
                "address",
                "postcode",
                "town",
                "latitude",
                "longitude",
                "opening_hours",
                "phone",
                "email",
                "website",
                "facebook_url",
                "instagram_url",
                "mastodon_url",
            ),
            "",
        ),
    }
    data.update(changes)
    return data


# -- one entry per act ------------------------------------------------------------


def test_publishing_and_refusing_an_ad_in_the_admin_are_audited(
    staff_client, portal_a, animator_a, resident_a
):
    client = staff_client(animator_a)
    first, second = _ad(portal_a, resident_a), _ad(portal_a, resident_a, title="Lit")
    response = client.post(reverse("classifieds_publish", args=[first.pk]))
    assert response.status_code == 302
    _one_entry(
        first,
        "quartiers.classifieds.ad_publish",
        actor=animator_a,
        portal=portal_a,
    )
    response = client.post(
        reverse("classifieds_refuse", args=[second.pk]),
        {"reason": "Les meubles se donnent à la recyclerie."},
    )
    assert response.status_code == 302
    entry = _one_entry(
        second,
        "quartiers.classifieds.ad_refuse",
        actor=animator_a,
        portal=portal_a,
        reason="Les meubles se donnent à la recyclerie.",
    )
    assert "recyclerie" in entry.message  # the reason shows in the history


def test_an_event_decided_in_the_admin_form_is_audited_as_a_decision(
    staff_client, portal_a, animator_a, resident_a
):
    event = _event(portal_a, actor=resident_a)
    assert event.status == Event.PENDING
    client = staff_client(animator_a)
    form = client.get(f"{EVENTS}edit/{event.pk}/").context["form"]
    data = {
        name: form[name].value() if form[name].value() is not None else ""
        for name in form.fields
    }
    data["start"] = timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M")
    data["extra_dates"] = "[]"
    data["is_free"] = "on"
    data["status"] = Event.PUBLISHED
    for name in ("category", "place_actor", "organiser_actor", "photo"):
        data.pop(name, None)
    response = client.post(f"{EVENTS}edit/{event.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.status == Event.PUBLISHED
    _one_entry(
        event,
        "quartiers.agenda.event_publish",
        actor=animator_a,
        portal=portal_a,
    )


def test_refusing_an_event_keeps_the_reason(portal_a, animator_a, resident_a):
    event = _event(portal_a, actor=resident_a)
    agenda_services.event_set_status(
        portal=portal_a,
        actor=animator_a,
        event_id=event.pk,
        status=Event.REFUSED,
        reason="Événement commercial.",
    )
    _one_entry(
        event,
        "quartiers.agenda.event_refuse",
        actor=animator_a,
        portal=portal_a,
        reason="Événement commercial.",
    )


def test_deleting_an_event_in_the_admin_leaves_an_entry_its_portal_reads(
    staff_client, portal_a, animator_a, animator_b, coordinator
):
    event = _event(portal_a, title="Brocante de printemps")
    event_id = event.pk
    response = staff_client(animator_a).post(f"{EVENTS}delete/{event_id}/")
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event_id).exists()
    _one_entry(event, "wagtail.delete", actor=animator_a, portal=portal_a)

    history = reverse("wagtailadmin_reports:site_history")
    assert "Brocante de printemps" in staff_client(animator_a).get(history).text
    assert "Brocante de printemps" in staff_client(coordinator).get(history).text
    assert "Brocante de printemps" not in staff_client(animator_b).get(history).text


def test_validating_an_actor_in_the_admin_is_audited_and_tells_the_suggester(
    staff_client,
    portal_a,
    animator_a,
    resident_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    actor = _actor(portal_a, suggested_by=resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(animator_a).post(
            f"{ACTORS}edit/{actor.pk}/",
            _actor_form(actor, status=LocalActor.PUBLISHED),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor.refresh_from_db()
    assert actor.status == LocalActor.PUBLISHED
    _one_entry(
        actor,
        "quartiers.directory.actor_publish",
        actor=animator_a,
        portal=portal_a,
    )
    assert not _entries(actor, "wagtail.edit").exists()  # nothing else changed
    assert any(resident_a.email in message.to for message in mailoutbox)


def test_refusing_an_actor_keeps_the_reason(portal_a, animator_a):
    actor = _actor(portal_a)
    directory_services.actor_refuse(
        portal=portal_a,
        actor=animator_a,
        actor_id=actor.pk,
        reason="Doublon de la fiche existante.",
    )
    _one_entry(
        actor,
        "quartiers.directory.actor_refuse",
        actor=animator_a,
        portal=portal_a,
        reason="Doublon de la fiche existante.",
    )


def test_the_radio_schedule_and_stream_are_saved_by_their_services(
    staff_client, portal_a, animator_a, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:9"]
    client = staff_client(animator_a)
    show = _show(portal_a)
    slot_data = {
        "portal": portal_a.pk,
        "show": show.pk,
        "weekday": 2,
        "start_time": "18:00",
        "end_time": "19:00",
        "note": "",
    }
    assert client.post(f"{SLOTS}add/", slot_data).status_code == 302
    slot = ScheduleSlot.objects.get(portal=portal_a)
    _one_entry(slot, "wagtail.create", actor=animator_a, portal=portal_a)
    assert client.post(f"{SLOTS}delete/{slot.pk}/").status_code == 302
    assert not ScheduleSlot.objects.filter(pk=slot.pk).exists()
    _one_entry(slot, "wagtail.delete", actor=animator_a, portal=portal_a)

    response = client.post(
        f"{STREAM}add/",
        {
            "portal": portal_a.pk,
            "stream_url": "http://127.0.0.1:9/alpha.mp3",
            "status_url": "",
        },
    )
    assert response.status_code == 302
    stream = RadioSettings.objects.get(portal=portal_a)
    entry = _one_entry(
        stream, "quartiers.radio.settings_save", actor=animator_a, portal=portal_a
    )
    assert entry.data["fields"] == ["stream_url"]


def test_a_rubrique_edited_in_the_admin_is_audited(staff_client, portal_a, animator_a):
    rubrique = Rubrique.objects.filter(portal=portal_a).first()
    response = staff_client(animator_a).post(
        f"{RUBRIQUES}edit/{rubrique.pk}/",
        {
            "portal": portal_a.pk,
            "name": "Vie du quartier et des voisins",
            "slug": rubrique.slug,
            "description": rubrique.description,
            "sort_order": rubrique.sort_order,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = _one_entry(rubrique, "wagtail.edit", actor=animator_a, portal=portal_a)
    assert "name" in entry.data["fields"]


def test_portal_settings_and_roles_are_audited(portal_a, animator_a, resident_a):
    portal_services.portal_update(
        portal=portal_a, actor=animator_a, contact_email="contact@alpha.example.org"
    )
    entry = _one_entry(
        portal_a, "quartiers.portals.settings_save", actor=animator_a, portal=portal_a
    )
    assert entry.data["fields"] == ["contact_email"]

    from quartiers.accounts import services as account_services
    from quartiers.accounts.models import Membership

    membership = Membership.objects.get(portal=portal_a, user=resident_a)
    account_services.membership_set_role(
        portal=portal_a,
        actor=animator_a,
        membership_id=membership.pk,
        role=Membership.TRUSTED,
    )
    entry = _one_entry(
        membership,
        "quartiers.accounts.role_change",
        actor=animator_a,
        portal=portal_a,
    )
    assert entry.data["new_role"] == Membership.TRUSTED


def test_refusing_a_comment_is_audited_with_its_reason(
    portal_a, animator_a, resident_a
):
    comment = Comment.objects.create(
        portal=portal_a,
        page=portal_a.home_page,
        author=resident_a,
        body="Premier commentaire",
        status=Comment.PENDING,
    )
    moderation_services.comment_refuse(
        portal=portal_a,
        actor=animator_a,
        comment_id=comment.pk,
        reason="Hors sujet.",
    )
    _one_entry(
        comment,
        "quartiers.moderation.comment_refuse",
        actor=animator_a,
        portal=portal_a,
        reason="Hors sujet.",
    )


def test_ticking_the_first_steps_is_audited(portal_a, animator_a):
    from quartiers.toolkit import checklist
    from quartiers.toolkit import services as toolkit_services

    first = checklist.STEP_KEYS[0]
    toolkit_services.checklist_update(
        portal=portal_a, actor=animator_a, done_keys=[first]
    )
    entry = _one_entry(
        portal_a,
        "quartiers.toolkit.checklist_update",
        actor=animator_a,
        portal=portal_a,
    )
    assert entry.data["fields"] == [first]


# -- another portal's animator -----------------------------------------------------


def test_another_portals_animator_can_do_none_of_these_acts(
    staff_client, portal_a, portal_b, animator_b, resident_a, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:9"]
    ad = _ad(portal_a, resident_a)
    event = _event(portal_a, actor=resident_a)
    actor = _actor(portal_a)
    show = _show(portal_a)
    slot = radio_services.schedule_slot_create(
        portal=portal_a,
        actor=None,
        show_id=show.pk,
        weekday=1,
        start_time="10:00",
        end_time="11:00",
    )
    stream = radio_services.radio_settings_save(
        portal=portal_a, actor=None, stream_url="http://127.0.0.1:9/alpha.mp3"
    )
    rubrique = Rubrique.objects.filter(portal=portal_a).first()
    client = staff_client(animator_b)
    denied = {403, 404}
    attempts = [
        ("get", reverse("classifieds_publish", args=[ad.pk]), {}),
        ("post", reverse("classifieds_publish", args=[ad.pk]), {}),
        ("post", reverse("classifieds_refuse", args=[ad.pk]), {"reason": "Non"}),
        ("get", f"{EVENTS}edit/{event.pk}/", {}),
        ("post", f"{EVENTS}edit/{event.pk}/", {"status": Event.PUBLISHED}),
        ("post", f"{EVENTS}delete/{event.pk}/", {}),
        ("post", f"{ACTORS}edit/{actor.pk}/", _actor_form(actor, status="published")),
        ("post", f"{ACTORS}delete/{actor.pk}/", {}),
        ("post", f"{SLOTS}edit/{slot.pk}/", {"note": "Pirate"}),
        ("post", f"{SLOTS}delete/{slot.pk}/", {}),
        ("post", f"{STREAM}edit/{stream.pk}/", {"stream_url": "http://x/y.mp3"}),
        ("post", f"{STREAM}delete/{stream.pk}/", {}),
        ("post", f"{RUBRIQUES}edit/{rubrique.pk}/", {"name": "Pirate"}),
        ("post", f"{RUBRIQUES}delete/{rubrique.pk}/", {}),
        ("post", reverse("quartiers_admin:settings", args=[portal_a.pk]), {}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        assert response.status_code in denied, (method, url, response.status_code)

    # Deleting several at once skips what is not theirs.
    bulk = (
        reverse("wagtail_bulk_action", args=("agenda", "event", "delete"))
        + f"?id={event.pk}"
    )
    client.post(bulk)

    assert Event.objects.filter(pk=event.pk, status=Event.PENDING).exists()
    ad.refresh_from_db()
    actor.refresh_from_db()
    stream.refresh_from_db()
    assert (ad.status, actor.status) == (Ad.PENDING, LocalActor.SUGGESTED)
    assert stream.stream_url == "http://127.0.0.1:9/alpha.mp3"
    assert ScheduleSlot.objects.filter(pk=slot.pk).exists()
    assert Rubrique.objects.filter(pk=rubrique.pk).exists()
    assert not ModelLogEntry.objects.filter(user=animator_b).exists()


def test_bulk_delete_goes_through_the_service_with_one_entry_each(
    staff_client, portal_a, animator_a
):
    first, second = _event(portal_a, "Loto"), _event(portal_a, "Bal")
    url = reverse("wagtail_bulk_action", args=("agenda", "event", "delete"))
    response = staff_client(animator_a).post(f"{url}?id={first.pk}&id={second.pk}")
    assert response.status_code == 302
    assert not Event.objects.filter(pk__in=[first.pk, second.pk]).exists()
    for event in (first, second):
        _one_entry(event, "wagtail.delete", actor=animator_a, portal=portal_a)


# -- reading the journal --------------------------------------------------------------


def test_each_animator_reads_only_their_portals_entries(
    portal_a, portal_b, animator_a, animator_b, coordinator, resident_a, resident_b
):
    mine = _ad(portal_a, resident_a, title="Annonce d'Alpha")
    theirs = _ad(portal_b, resident_b, title="Annonce de Bêta")
    from quartiers.classifieds import services as classifieds_services

    classifieds_services.ad_publish(portal=portal_a, actor=animator_a, ad_id=mine.pk)
    classifieds_services.ad_publish(portal=portal_b, actor=animator_b, ad_id=theirs.pk)
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Ad)
    )
    assert {e.label for e in audit.readable_by(entries, animator_a)} == {
        "Annonce d'Alpha"
    }
    assert {e.label for e in audit.readable_by(entries, animator_b)} == {
        "Annonce de Bêta"
    }
    assert {"Annonce d'Alpha", "Annonce de Bêta"} <= {
        e.label for e in audit.readable_by(entries, coordinator)
    }
    assert not audit.readable_by(entries, resident_a).exists()
    ads_of_alpha = audit.entries_of(portal_a).filter(
        content_type=entries[0].content_type
    )
    assert [e.label for e in ads_of_alpha] == ["Annonce d'Alpha"]


def test_site_history_shows_an_animator_their_portals_acts_only(
    staff_client, portal_a, portal_b, animator_a, animator_b, resident_a, resident_b
):
    from quartiers.classifieds import services as classifieds_services

    mine = _ad(portal_a, resident_a, title="Annonce d'Alpha")
    theirs = _ad(portal_b, resident_b, title="Annonce de Bêta")
    classifieds_services.ad_refuse(
        portal=portal_a, actor=animator_a, ad_id=mine.pk, reason="Trop vague."
    )
    classifieds_services.ad_publish(portal=portal_b, actor=animator_b, ad_id=theirs.pk)
    history = reverse("wagtailadmin_reports:site_history")
    html = staff_client(animator_a).get(history).text
    assert "Annonce d&#x27;Alpha" in html or "Annonce d'Alpha" in html
    assert "Trop vague." in html
    assert "Annonce de Bêta" not in html


def _page_of(portal, title):
    import json

    from quartiers.newsroom import selectors as newsroom_selectors
    from quartiers.newsroom.models import ArticlePage

    page = ArticlePage(
        title=title,
        chapo=f"Chapeau de {title}",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}.</p>"}]),
    )
    newsroom_selectors.journal_of(portal).add_child(instance=page)
    page.save_revision(user=None).publish()
    return page


def test_wagtails_own_entries_name_their_portal(portal_a, portal_b, resident_a):
    """A page published, an object saved through Wagtail's generic views: the
    entry Wagtail writes itself names the portal of its object, read while the
    object still exists; a network-wide object's entry names none."""
    from django.contrib.auth.models import Group
    from wagtail.log_actions import log
    from wagtail.models import PageLogEntry

    page = _page_of(portal_b, "La kermesse de Bêta")
    publish = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
    assert publish.data["portal"] == portal_b.pk
    ad = _ad(portal_a, resident_a)
    assert log(instance=ad, action="wagtail.edit").data["portal"] == portal_a.pk
    group = Group.objects.create(name="Réseau des animateurs")
    assert "portal" not in (log(instance=group, action="wagtail.edit").data or {})


def test_a_deleted_pages_history_stays_with_its_portals_animators(
    staff_client, portal_a, portal_b, animator_a, animator_b, coordinator
):
    page = _page_of(portal_a, "Portes ouvertes du jardin")
    client = staff_client(animator_a)
    answer = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert answer.status_code == 302
    from wagtail.models import Page

    assert not Page.objects.filter(pk=page.pk).exists()
    history = reverse("wagtailadmin_reports:site_history")
    assert "Portes ouvertes du jardin" in client.get(history).text
    assert "Portes ouvertes du jardin" in staff_client(coordinator).get(history).text
    assert "Portes ouvertes du jardin" not in staff_client(animator_b).get(history).text


def test_an_unregistered_action_is_refused(portal_a, animator_a):
    with pytest.raises(ValueError):
        audit.record(
            portal=portal_a,
            actor=animator_a,
            instance=portal_a,
            action="quartiers.nobody_reads_this",
        )


# -- no dead service ----------------------------------------------------------------

# Services nothing calls yet, each with its reason; this list may only shrink.
KNOWN_UNCALLED = {
    # Files of the media pipeline belong to its own change: the screen that
    # deletes a sent sound or video is still to be built.
    "media_asset_delete",
    # The fediverse's "stop following" has no button in the admin yet (only
    # the tests between two installs call it).
    "following_stop",
}


def _is_test_module(path: Path) -> bool:
    return (
        "tests" in path.parts
        or path.name.startswith("test_")
        or path.name == "conftest.py"
    )


def _service_functions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "quartiers").glob("*/*services.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if not node.name.startswith("_"):
                    found.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    return found


def _names_used_outside_tests() -> set[str]:
    """Every name, attribute, imported name and dotted-path part the
    application's own modules use (tests and migrations left out)."""
    used: set[str] = set()
    for path in (ROOT / "quartiers").rglob("*.py"):
        if _is_test_module(path) or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.alias):
                used.add(node.name.rsplit(".", 1)[-1])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                used.update(node.value.replace(":", ".").split("."))
    return used


def test_every_service_has_a_caller_outside_the_tests():
    """A service only tests call is a write path nobody uses: call it from
    the screen, command or task that needs it, or delete it."""
    services = _service_functions()
    used = _names_used_outside_tests()
    uncalled = {
        name: where
        for name, where in services.items()
        if name not in used and name not in KNOWN_UNCALLED
    }
    assert not uncalled, (
        f"Services nothing calls (call them or delete them): {uncalled}"
    )
    now_called = {name for name in KNOWN_UNCALLED if name in used}
    assert not now_called, f"Called now, remove from KNOWN_UNCALLED: {now_called}"
    assert set(KNOWN_UNCALLED) <= set(services), "KNOWN_UNCALLED names a gone service"
