"""The public agenda: upcoming list, month grid, archives, event pages."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.agenda import recurrence, selectors
from quartiers.agenda.models import EventCategory

from .conftest import bulk_events, paris, soon

pytestmark = pytest.mark.django_db


def test_upcoming_list_groups_by_day_and_stays_in_its_portal(
    client, portal_a, portal_b, make_event
):
    make_event(portal_a, "Match U13", start=soon(2, 14))
    make_event(portal_a, "Fête de quartier", start=soon(5, 14))
    make_event(portal_a, "Assemblée des locataires", start=soon(5, 18, 30))
    make_event(portal_b, "Chez Bêta", start=soon(2))
    make_event(portal_a, "Déjà passé", start=soon(-3))

    html = client.get("/alpha/agenda/").content.decode()

    assert html.index("Match U13") < html.index("Fête de quartier")
    assert html.index("Fête de quartier") < html.index("Assemblée des locataires")
    assert html.count('class="agenda-day"') == 2
    assert "18:30" in html
    assert "Chez Bêta" not in html and "Déjà passé" not in html


def test_upcoming_list_filters_by_category(client, portal_a, make_event):
    make_event(portal_a, "Match U13", category="sport")
    make_event(portal_a, "Ciné plein air", category="culture")
    html = client.get("/alpha/agenda/?categorie=sport").content.decode()
    assert "Match U13" in html and "Ciné plein air" not in html
    empty = client.get("/alpha/agenda/?categorie=jeunesse").content.decode()
    assert "événement à venir dans cette catégorie" in empty
    assert client.get("/alpha/agenda/?categorie=inconnue").status_code == 200


def test_empty_agenda_invites_to_propose(client, portal_a):
    html = client.get("/alpha/agenda/").content.decode()
    assert "Aucun événement prévu" in html
    assert "/alpha/agenda/proposer/" in html


def test_weekly_event_is_listed_once_per_date(client, portal_a, make_event):
    make_event(
        portal_a,
        "Atelier couture",
        start=soon(1, 14),
        recurrence=recurrence.WEEKLY,
        recurrence_until=timezone.localdate() + timedelta(days=22),
    )
    html = client.get("/alpha/agenda/").content.decode()
    assert html.count("Atelier couture") == 4


def test_month_grid_is_an_accessible_table(client, portal_a, make_event):
    make_event(portal_a, "Collecte solidaire", start=paris(2027, 3, 13, 10))
    make_event(portal_a, "En avril", start=paris(2027, 4, 2, 10))
    html = client.get("/alpha/agenda/mois/2027/03/").content.decode()
    assert "<table" in html and "<caption" in html and 'scope="col"' in html
    assert "Collecte solidaire" in html and "En avril" not in html
    assert "10:00" in html
    assert 'href="/alpha/agenda/mois/2027/02/"' in html
    assert 'href="/alpha/agenda/mois/2027/04/"' in html
    december = client.get("/alpha/agenda/mois/2026/12/").content.decode()
    assert 'href="/alpha/agenda/mois/2027/01/"' in december


@pytest.mark.parametrize(
    "url",
    [
        "/alpha/agenda/mois/2027/13/",
        "/alpha/agenda/mois/2027/0/",
        "/alpha/agenda/mois/1999/12/",
        "/alpha/agenda/mois/2101/01/",
        "/alpha/agenda/mois/99999999999999999999/01/",
        "/alpha/agenda/mois/2027/ab/",
    ],
)
def test_month_out_of_range_is_missing(client, portal_a, url):
    assert client.get(url).status_code == 404


def test_month_grid_respects_the_local_day(client, portal_a, make_event):
    # 00:30 on 1 April in Paris is still 31 March in UTC.
    make_event(portal_a, "Nuit des étoiles", start=paris(2027, 4, 1, 0, 30))
    assert (
        "Nuit des étoiles" in client.get("/alpha/agenda/mois/2027/04/").content.decode()
    )
    assert (
        "Nuit des étoiles"
        not in client.get("/alpha/agenda/mois/2027/03/").content.decode()
    )


def test_archives_list_past_events_newest_first(client, portal_a, make_event):
    make_event(portal_a, "Repas des aînés", start=soon(-20))
    make_event(portal_a, "Concert de la chorale", start=soon(-70))
    make_event(portal_a, "Kermesse à venir", start=soon(3))
    html = client.get("/alpha/agenda/archives/").content.decode()
    assert html.index("Repas des aînés") < html.index("Concert de la chorale")
    assert "Kermesse à venir" not in html


def test_event_page_shows_everything(client, portal_a, make_event, actor_a):
    event = make_event(
        portal_a,
        "Permanence numérique",
        start=soon(1, 9, 30),
        end=soon(1, 12),
        recurrence=recurrence.WEEKLY,
        recurrence_until=timezone.localdate() + timedelta(days=60),
        place_actor_id=actor_a.pk,
        place_name="",
        category="solidarite",
        is_free=False,
        price="2 € l'adhésion",
        accessibility="Accessible en fauteuil",
        description="Apportez vos papiers.",
    )
    html = client.get(f"/alpha/agenda/{event.slug}/").content.decode()
    assert "<h1>Permanence numérique</h1>" in html
    assert 'href="/alpha/acteurs/maison-de-quartier/"' in html
    assert "2 place du Marché" in html
    assert "2 € l&#x27;adhésion" in html and "Accessible en fauteuil" in html
    assert "Prochaines dates" in html and "Chaque semaine" in html
    assert f'href="/alpha/agenda/{event.slug}.ics"' in html
    assert "Ajouter à mon agenda" in html
    assert "<p>Apportez vos papiers.</p>" in html


def test_description_is_plain_text_never_html(client, portal_a, make_event):
    event = make_event(
        portal_a,
        "Fête <script>alert(1)</script>",
        description='<script>alert("x")</script><img src=x onerror=alert(1)>\n\nOK',
    )
    html = client.get(f"/alpha/agenda/{event.slug}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)" in html
    listing = client.get("/alpha/agenda/").content.decode()
    assert "<script>alert(1)" not in listing


def test_other_portals_and_missing_events_answer_404(
    client, portal_a, portal_b, make_event
):
    other = make_event(portal_b, "Chez Bêta")
    assert client.get(f"/alpha/agenda/{other.slug}/").status_code == 404
    assert client.get("/alpha/agenda/n-existe-pas/").status_code == 404
    assert client.get(f"/beta/agenda/{other.slug}/").status_code == 200


def test_pending_event_is_seen_by_its_author_and_animators_only(
    client, portal_a, make_event, resident_a, animator_a, animator_b
):
    event = make_event(portal_a, "Kermesse", actor=resident_a)
    url = f"/alpha/agenda/{event.slug}/"
    assert client.get(url).status_code == 404
    assert "Kermesse" not in client.get("/alpha/agenda/").content.decode()
    client.force_login(resident_a)
    assert "attend la validation" in client.get(url).content.decode()
    client.force_login(animator_b)
    assert client.get(url).status_code == 404
    client.force_login(animator_a)
    assert client.get(url).status_code == 200


def test_agenda_switched_off_answers_404(client, portal_a, make_event):
    event = make_event(portal_a, "Fête")
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "agenda"]
    portal_a.save()
    assert client.get("/alpha/agenda/").status_code == 404
    assert client.get(f"/alpha/agenda/{event.slug}/").status_code == 404


def test_home_shows_the_next_four_events(client, portal_a, make_event):
    for number in range(6):
        make_event(portal_a, f"Rendez-vous {number}", start=soon(number + 1))
    html = client.get("/alpha/").content.decode()
    assert "Prochains événements" in html
    assert "Rendez-vous 3" in html and "Rendez-vous 4" not in html


def test_upcoming_for_actor_lists_its_next_dates(
    portal_a, make_event, actor_a, django_assert_num_queries
):
    make_event(portal_a, "Chez l'acteur", place_actor_id=actor_a.pk)
    make_event(portal_a, "Organisé par l'acteur", organiser_actor_id=actor_a.pk)
    make_event(portal_a, "Ailleurs")
    make_event(portal_a, "Passé", start=soon(-5), place_actor_id=actor_a.pk)
    with django_assert_num_queries(1):
        found = selectors.upcoming_for_actor(actor_a, limit=5)
        titles = sorted(o.event.title for o in found)
    assert titles == ["Chez l'acteur", "Organisé par l'acteur"]


def test_new_portals_get_the_usual_categories(portal_a):
    names = [c.name for c in EventCategory.objects.filter(portal=portal_a)]
    assert names[:3] == ["Fête et convivialité", "Culture", "Sport"]
    assert len(names) == 7


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_pages_cost_the_same_with_10_and_5000_events(client, portal_a, make_event):
    bulk_events(portal_a, 9)
    event = make_event(
        portal_a,
        "Atelier témoin",
        recurrence=recurrence.WEEKLY,
        recurrence_until=timezone.localdate() + timedelta(days=30),
    )
    past = make_event(portal_a, "Passé témoin", start=soon(-10))
    month = timezone.localdate() + timedelta(days=1)
    urls = [
        "/alpha/agenda/",
        "/alpha/agenda/?categorie=fete",
        "/alpha/agenda/?page=2",
        f"/alpha/agenda/mois/{month:%Y}/{month:%m}/",
        "/alpha/agenda/archives/",
        f"/alpha/agenda/{event.slug}/",
        f"/alpha/agenda/{past.slug}/",
        "/alpha/",
    ]
    small = [_queries(client, url) for url in urls]
    bulk_events(portal_a, 4790, prefix="beaucoup")
    bulk_events(portal_a, 200, start_in_days=-30, prefix="passe")
    large = [_queries(client, url) for url in urls]
    assert small == large


def test_occurrences_follow_the_rule(portal_a, make_event):
    event = make_event(
        portal_a,
        "Collecte",
        start=paris(2027, 1, 9, 10),
        recurrence=recurrence.MONTHLY,
        recurrence_until=date(2027, 3, 31),
    )
    starts = [
        o.start.astimezone(recurrence.PARIS).date()
        for o in event.occurrences.order_by("start")
    ]
    assert starts == [date(2027, 1, 9), date(2027, 2, 13), date(2027, 3, 13)]
    event.refresh_from_db()
    assert event.finishes_at.astimezone(recurrence.PARIS).date() == date(2027, 3, 13)


def test_actor_page_lists_its_next_events(client, portal_a):
    """The directory page of an actor shows the events held there."""
    from datetime import timedelta

    from django.utils import timezone

    from quartiers.agenda import services as agenda_services
    from quartiers.directory.models import LocalActor

    actor = LocalActor.objects.create(
        portal=portal_a, name="Maison de quartier", slug="maison-de-quartier"
    )
    assert (
        "Prochains événements"
        not in client.get("/alpha/acteurs/maison-de-quartier/").content.decode()
    )
    from quartiers.agenda.models import Event

    start = timezone.localtime() + timedelta(days=3)
    event = Event.objects.create(
        portal=portal_a,
        title="Atelier couture",
        slug="atelier-couture",
        start=start,
        end=start + timedelta(hours=2),
        place_actor=actor,
        status=Event.PUBLISHED,
    )
    agenda_services.occurrences_rebuild(event=event)
    html = client.get("/alpha/acteurs/maison-de-quartier/").content.decode()
    assert "Prochains événements" in html
    assert "Atelier couture" in html
    assert "agenda.ics?acteur=maison-de-quartier" in html
