"""The page cache keeps the public archive, never a form, a personal screen
or a signed link's page; reading the public pages writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.lettre import emails, services
from quartiers.lettre.models import Letter

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60


def _twice(client, url):
    client.get(url)
    return client.get(url)


def test_forms_and_signed_pages_are_never_served_from_the_cache(
    client, portal_a, make_event
):
    event = make_event(portal_a)
    subscriber = services.subscriber_for_email("voisine@example.org")
    for url in (
        "/alpha/suivre/",
        f"/alpha/agenda/{event.slug}/participer/",
        emails.unsubscribe_url(subscriber).split("8000", 1)[-1],
        emails.preferences_url(subscriber).split("8000", 1)[-1],
    ):
        response = _twice(client, url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit", url


def test_the_archive_is_cached_and_reading_it_writes_nothing(
    client, portal_a, make_event
):
    make_event(portal_a, "Repas partagé")
    letter = services.letter_compose(
        portal=portal_a, week_start=services.week_of(timezone.localdate())
    ).letter
    Letter.objects.filter(pk=letter.pk).update(status=Letter.SENT)
    for url in ("/alpha/lettre/", f"/alpha/lettre/{letter.number}/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert not [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert _twice(client, url).get("X-Page-Cache") == "hit", url
