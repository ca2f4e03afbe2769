"""The animators' inbox: every kind that waits, decided in place, per portal."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import WorkflowState

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.blogs import services as blog_services
from quartiers.blogs.models import BlogPostPage
from quartiers.classifieds import services as ad_services
from quartiers.classifieds.models import Ad
from quartiers.comments.tests.factories import comment
from quartiers.directory import services as directory_services
from quartiers.directory.models import LocalActor
from quartiers.moderation import inbox
from quartiers.newsroom import services as newsroom_services
from quartiers.newsroom.models import Submission
from quartiers.radio import services as radio_services
from quartiers.radio.models import EpisodePage
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

INBOX = "/admin/moderation/"


def _photo(name="poussette.png"):
    return ad_services.Photo(
        file=SimpleUploadedFile(name, png_bytes((320, 240)), "image/png"),
        alt="Une poussette bleue",
    )


def _ad(portal, author, title="Poussette à donner", photos=True):
    ad = ad_services.ad_create(
        portal=portal,
        actor=author,
        kind=Ad.GIFT,
        title=title,
        text="Poussette pliable, bon état.",
        photos=[_photo()] if photos else None,
    )
    assert ad.status == Ad.PENDING
    return ad


def _event(portal, author, title="Repas partagé"):
    event = agenda_services.event_propose(
        portal=portal,
        actor=author,
        fields=agenda_services.EventFields(
            title=title,
            start=timezone.now() + timedelta(days=3),
            place_name="Maison de quartier",
        ),
    )
    assert event.status == Event.PENDING
    return event


def _actor(portal, author, name="Atelier vélo"):
    profile = directory_services.actor_suggest(
        portal=portal, actor=author, fields={"name": name}
    )
    assert profile.status == LocalActor.SUGGESTED
    return profile


def _article(portal, author, title="La kermesse"):
    submission = newsroom_services.submission_save(
        portal=portal, actor=author, title=title, text="Samedi à l'école.", submit=True
    )
    assert submission.status == Submission.IN_REVIEW
    return submission


def _blog_post(portal, author, title="Mon premier billet"):
    blog = blog_services.blog_open(
        portal=portal, actor=author, title="Les carnets", presentation="J'écris."
    )
    post, _online = blog_services.post_save(
        portal=portal, actor=author, title=title, text="Bonjour le quartier."
    )
    return blog, post


def _testimony(portal, author, title="Mon arrivée dans le quartier"):
    show = radio_services.testimonies_show(portal)
    episode = show.add_child(
        instance=EpisodePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            live=False,
            portal=portal,
            contributor=author,
            owner=author,
        )
    )
    episode.save_revision(user=author)
    episode.get_workflow().start(episode, author)
    return episode


def _decide(client, kind, pk, decision, note="", confirm=True, **extra):
    data = {"decision": decision, "note": note, **extra}
    if confirm:
        data["confirm"] = "1"
    return client.post(f"{INBOX}{kind}/{pk}/decider/", data)


# -- what is listed, and for whom ---------------------------------------------


def test_every_kind_waiting_is_listed_for_its_portal_only(
    staff_client, portal_a, portal_b, resident_a, resident_b, animator_a
):
    _ad(portal_a, resident_a, "Poussette alpha")
    _ad(portal_b, resident_b, "Poussette beta")
    _event(portal_a, resident_a, "Repas alpha")
    _event(portal_b, resident_b, "Repas beta")
    _actor(portal_a, resident_a, "Atelier alpha")
    _actor(portal_b, resident_b, "Atelier beta")
    _article(portal_a, resident_a, "Kermesse alpha")
    _article(portal_b, resident_b, "Kermesse beta")
    _blog_post(portal_a, resident_a, "Billet alpha")
    _blog_post(portal_b, resident_b, "Billet beta")
    _testimony(portal_a, resident_a, "Témoignage alpha")
    _testimony(portal_b, resident_b, "Témoignage beta")

    html = staff_client(animator_a).get(INBOX).content.decode()
    for title in (
        "Poussette alpha",
        "Repas alpha",
        "Atelier alpha",
        "Kermesse alpha",
        "Billet alpha",
        "Témoignage alpha",
    ):
        assert title in html
        assert title.replace("alpha", "beta") not in html
    # The ad's photo is shown, with a text alternative.
    assert "Photo 1 de l'annonce « Poussette alpha »" in html
    assert "<img" in html


def test_the_coordinator_sees_every_portal_with_its_name(
    staff_client, portal_a, portal_b, resident_a, resident_b, coordinator
):
    _ad(portal_a, resident_a, "Poussette alpha", photos=False)
    _ad(portal_b, resident_b, "Poussette beta", photos=False)
    html = staff_client(coordinator).get(f"{INBOX}?type=annonces").content.decode()
    assert "Poussette alpha" in html and "Poussette beta" in html
    assert "Quartier Bêta" in html


def test_counts_cover_every_kind_and_the_menu_shows_the_total(
    staff_client, portal_a, portal_b, resident_a, resident_b, animator_a
):
    _ad(portal_a, resident_a, photos=False)
    _event(portal_a, resident_a)
    _actor(portal_a, resident_a)
    _article(portal_a, resident_a)
    _blog_post(portal_a, resident_a)
    _testimony(portal_a, resident_a)
    _ad(portal_b, resident_b, photos=False)  # another portal's: not counted
    counts = inbox.inbox_counts(user=animator_a)
    assert counts[inbox.ADS] == 1
    assert counts[inbox.EVENTS] == 1
    assert counts[inbox.ACTORS] == 1
    assert counts[inbox.ARTICLES] == 1
    assert counts[inbox.BLOG_POSTS] >= 1
    assert counts[inbox.TESTIMONIES] == 1
    total = sum(counts.values())
    html = staff_client(animator_a).get("/admin/").content.decode()
    assert rf"Mod\u00e9ration ({total})" in html


def test_an_empty_inbox_says_so(staff_client, animator_a):
    response = staff_client(animator_a).get(INBOX)
    assert response.status_code == 200
    assert "Rien à modérer" in response.content.decode()


def test_a_kind_is_paginated(staff_client, portal_a, resident_a, animator_a):
    for n in range(inbox.PER_PAGE + 3):
        _ad(portal_a, resident_a, f"Annonce numéro {n:02d}", photos=False)
    client = staff_client(animator_a)
    first = client.get(f"{INBOX}?type=annonces").content.decode()
    assert "Annonce numéro 00" in first
    assert f"Annonce numéro {inbox.PER_PAGE:02d}" not in first
    assert "Page 1 sur 2" in first
    second = client.get(f"{INBOX}?type=annonces&page=2").content.decode()
    assert f"Annonce numéro {inbox.PER_PAGE:02d}" in second
    # A page out of range or malformed gives a page, never an error.
    assert client.get(f"{INBOX}?type=annonces&page=abc").status_code == 200
    assert client.get(f"{INBOX}?type=annonces&page=999").status_code == 200
    assert client.get(f"{INBOX}?type=inconnu").status_code == 200


def test_the_inbox_costs_the_same_queries_with_more_items(
    staff_client, portal_a, resident_a, animator_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = staff_client(animator_a)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for n in range(2):
        _ad(portal_a, resident_a, f"A{n}")
        _event(portal_a, resident_a, f"E{n}")
    # Photos' thumbnails are made on the first view: warm up each time.
    client.get(INBOX), client.get(f"{INBOX}?type=annonces")
    small = queries(INBOX), queries(f"{INBOX}?type=annonces")
    for n in range(2, 12):
        _ad(portal_a, resident_a, f"A{n}")
        _event(portal_a, resident_a, f"E{n}")
    client.get(INBOX), client.get(f"{INBOX}?type=annonces")
    assert (queries(INBOX), queries(f"{INBOX}?type=annonces")) == small


# -- deciding in place --------------------------------------------------------


def test_an_ad_is_published_or_refused_with_a_message(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    one = _ad(portal_a, resident_a, "Vélo", photos=False)
    two = _ad(portal_a, resident_a, "Canapé", photos=False)
    client = staff_client(animator_a)
    assert _decide(client, "annonces", one.pk, "publish").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, "annonces", two.pk, "refuse", "Pas de vente ici, désolé.")
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Ad.PUBLISHED, Ad.REFUSED)
    assert any("Pas de vente ici" in m.body for m in mail.outbox)


def test_refusing_asks_for_confirmation_first_and_keeps_the_message(
    staff_client, portal_a, resident_a, animator_a
):
    ad = _ad(portal_a, resident_a, photos=False)
    client = staff_client(animator_a)
    response = _decide(client, "annonces", ad.pk, "refuse", "Hors sujet", confirm=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirmer" in html and "Hors sujet" in html
    ad.refresh_from_db()
    assert ad.status == Ad.PENDING
    # Confirmed without a message: asked again, nothing done.
    response = _decide(client, "annonces", ad.pk, "refuse", "")
    assert response.status_code == 200
    assert "Expliquez" in response.content.decode()
    ad.refresh_from_db()
    assert ad.status == Ad.PENDING


def test_an_event_is_published_and_its_proposer_hears_it_once(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    event = _event(portal_a, resident_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(staff_client(animator_a), "evenements", event.pk, "publish")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.PUBLISHED
    to_resident = [m for m in mail.outbox if resident_a.email in m.to]
    assert len(to_resident) == 1
    assert "dans l'agenda" in to_resident[0].body


def test_an_event_refused_carries_the_animators_message(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    event = _event(portal_a, resident_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(staff_client(animator_a), "evenements", event.pk, "refuse", "Complet")
    event.refresh_from_db()
    assert event.status == Event.REFUSED
    assert any("Complet" in m.body for m in mail.outbox if resident_a.email in m.to)


def test_a_suggested_actor_is_published_or_refused(
    staff_client, portal_a, resident_a, animator_a
):
    one = _actor(portal_a, resident_a, "Atelier vélo")
    two = _actor(portal_a, resident_a, "Boutique")
    client = staff_client(animator_a)
    _decide(client, "acteurs", one.pk, "publish")
    _decide(client, "acteurs", two.pk, "refuse")
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (LocalActor.PUBLISHED, LocalActor.REFUSED)


def test_an_article_is_published_from_the_inbox(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    submission = _article(portal_a, resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            staff_client(animator_a), "articles", submission.page_id, "publish"
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.PUBLISHED
    assert submission.page.live


def test_changes_are_asked_with_a_message_the_author_reads(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    submission = _article(portal_a, resident_a)
    client = staff_client(animator_a)
    # No message: asked for, nothing changes.
    response = _decide(client, "articles", submission.page_id, "changes", "")
    assert response.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, "articles", submission.page_id, "changes", "Ajoute l'heure.")
    submission.refresh_from_db()
    assert submission.status == Submission.CHANGES_REQUESTED
    assert submission.animator_message == "Ajoute l'heure."
    assert [m for m in mail.outbox if resident_a.email in m.to]


def test_an_article_is_refused_with_a_reason(
    staff_client, portal_a, resident_a, animator_a
):
    submission = _article(portal_a, resident_a)
    _decide(
        staff_client(animator_a), "articles", submission.page_id, "refuse", "Doublon"
    )
    submission.refresh_from_db()
    assert submission.status == Submission.REFUSED


def test_a_blog_post_is_published_from_the_inbox(
    staff_client, portal_a, resident_a, animator_a
):
    blog, post = _blog_post(portal_a, resident_a)
    client = staff_client(animator_a)
    # The blog itself may wait for review first.
    for page in (blog, post):
        if WorkflowState.objects.filter(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).exists():
            assert _decide(client, "billets", page.pk, "publish").status_code == 302
    assert BlogPostPage.objects.get(pk=post.pk).live


def test_a_testimony_is_sent_back_or_refused(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    one = _testimony(portal_a, resident_a, "Premier témoignage")
    two = _testimony(portal_a, resident_a, "Second témoignage")
    client = staff_client(animator_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, "temoignages", one.pk, "changes", "Plus court ?")
        _decide(client, "temoignages", two.pk, "refuse", "Inaudible, désolé.")
    states = {
        int(s.object_id): s.status
        for s in WorkflowState.objects.filter(object_id__in=[str(one.pk), str(two.pk)])
    }
    assert states[one.pk] == WorkflowState.STATUS_NEEDS_CHANGES
    assert states[two.pk] == WorkflowState.STATUS_CANCELLED
    bodies = [m.body for m in mail.outbox if resident_a.email in m.to]
    assert any("Plus court ?" in b for b in bodies)
    assert any("Inaudible" in b for b in bodies)


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("annonces", lambda p, u: _ad(p, u, photos=False).pk),
        ("evenements", lambda p, u: _event(p, u).pk),
        ("acteurs", lambda p, u: _actor(p, u).pk),
        ("articles", lambda p, u: _article(p, u).page_id),
        ("temoignages", lambda p, u: _testimony(p, u).pk),
    ],
)
def test_another_portals_item_answers_404_and_stays(
    staff_client, portal_b, resident_b, animator_a, kind, make
):
    pk = make(portal_b, resident_b)
    client = staff_client(animator_a)
    assert _decide(client, kind, pk, "publish").status_code == 404
    assert _decide(client, kind, pk, "refuse", "non").status_code == 404
    counts = inbox.inbox_counts(user=animator_a)
    assert sum(counts.values()) == 0


@pytest.mark.parametrize(
    "path",
    [
        "annonces/abc/decider/",
        "evenements/99999999999999999999/decider/",
        "inconnu/1/decider/",
        "articles/-1/decider/",
    ],
)
def test_malformed_addresses_answer_404(staff_client, animator_a, path):
    response = staff_client(animator_a).post(INBOX + path, {"decision": "publish"})
    assert response.status_code == 404


def test_residents_get_no_inbox_and_no_decision(
    client, portal_a, resident_a, resident_b
):
    ad = _ad(portal_a, resident_a, photos=False)
    client.force_login(resident_b)
    assert client.get(INBOX).status_code == 403
    response = _decide(client, "annonces", ad.pk, "publish")
    assert response.status_code in (302, 403, 404)
    ad.refresh_from_db()
    assert ad.status == Ad.PENDING


def test_pending_comments_appear_beside_the_other_kinds(
    staff_client, journal_a, portal_a, resident_a, animator_a
):
    comment(journal_a, portal_a, resident_a, "Bravo pour la fête", status="pending")
    _ad(portal_a, resident_a, "Vélo rouge", photos=False)
    html = staff_client(animator_a).get(INBOX).content.decode()
    assert "Bravo pour la fête" in html and "Vélo rouge" in html
