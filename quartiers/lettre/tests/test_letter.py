"""La lettre du quartier: composed from the week's public content, edited
by the animator, sent in batches under an hourly ceiling, archived on the
portal, and printed as an A4 PDF whose QR codes lead to the right pages."""

import io
from datetime import timedelta

import pypdfium2
import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from quartiers.lettre import emails, services, tasks
from quartiers.lettre.models import Follow, Letter, LetterDelivery
from quartiers.newsroom import selectors as news_selectors
from tests.factories import bulk_articles

from .conftest import links, parsed, parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def week_content(portal_a, portal_b, make_event):
    bulk_articles(news_selectors.journal_of(portal_a), 3)
    bulk_articles(news_selectors.journal_of(portal_b), 2, start=50)
    make_event(portal_a, "Repas partagé au jardin")
    make_event(portal_b, "Loto de Bêta")


def _followers(portal, count):
    people = []
    for number in range(count):
        subscriber = services.subscriber_for_email(
            f"voisin{number}.{portal.slug}@example.org"
        )
        Follow.objects.create(
            subscriber=subscriber,
            portal=portal,
            target=Follow.PORTAL,
            confirmed_at=timezone.now(),
        )
        people.append(subscriber)
    return people


def _compose(portal):
    return services.letter_compose(
        portal=portal, week_start=services.week_of(timezone.localdate())
    ).letter


def test_the_draft_holds_this_portals_week_and_coming_agenda(week_content, portal_a):
    letter = _compose(portal_a)
    titles = [item["title"] for item in letter.items]
    assert "Repas partagé au jardin" in titles
    assert sum(t.startswith("Article généré") for t in titles) == 3
    assert "Loto de Bêta" not in titles
    assert not any(t == "Article généré 50" for t in titles)
    assert letter.status == "draft" and letter.number == 1
    # Composing again keeps the draft (and its edits).
    assert _compose(portal_a).pk == letter.pk


def test_a_quiet_week_makes_no_letter(portal_b):
    assert (
        services.letter_compose(
            portal=portal_b, week_start=services.week_of(timezone.localdate())
        )
        is None
    )


def test_the_animator_reorders_cuts_and_adds_a_word(
    staff_client, week_content, portal_a, animator_a, animator_b
):
    letter = _compose(portal_a)
    client = staff_client(animator_b)
    assert client.get(f"/admin/lettre/lettres/{letter.pk}/").status_code == 404
    client = staff_client(animator_a)
    assert client.get(f"/admin/lettre/lettres/{letter.pk}/").status_code == 200
    last = len(letter.items) - 1
    data = {"intro": "Bonne semaine à toutes et à tous !"}
    for index in range(len(letter.items)):
        data[f"order_{index}"] = str(index + 2)
        if index != 1:
            data[f"keep_{index}"] = "1"
    data[f"order_{last}"] = "1"
    client.post(f"/admin/lettre/lettres/{letter.pk}/", data)
    edited = Letter.objects.get(pk=letter.pk)
    assert edited.intro == "Bonne semaine à toutes et à tous !"
    assert edited.items[0] == letter.items[last]
    assert letter.items[1] not in edited.items
    assert len(edited.items) == len(letter.items) - 1
    assert edited.status == "draft"


def test_a_draft_goes_alone_after_the_review_time_in_batches_under_the_ceiling(
    week_content, portal_a, portal_b, settings
):
    settings.QUARTIERS_LETTER_BATCH = 3
    settings.QUARTIERS_LETTER_PER_HOUR = 5
    people = _followers(portal_a, 7)
    _followers(portal_b, 1)
    letter = _compose(portal_a)
    tasks.periodic.call()
    assert mail.outbox == []  # the animator still has time to look
    Letter.objects.filter(pk=letter.pk).update(
        send_after=timezone.now() - timedelta(minutes=1)
    )
    tasks.periodic.call()
    tasks.periodic.call()
    tasks.periodic.call()
    # Five an hour at most: two wait for the next hour.
    assert len(mail.outbox) == 5
    assert LetterDelivery.objects.count() == 5
    LetterDelivery.objects.update(sent_at=timezone.now() - timedelta(hours=2))
    tasks.periodic.call()
    tasks.periodic.call()
    assert len(mail.outbox) == 7
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Letter.objects.get(pk=letter.pk).status == "sent"
    tasks.periodic.call()
    assert len(mail.outbox) == 7  # never twice


def test_the_letter_email_reads_well_and_links_absolutely(
    week_content, portal_a, settings
):
    (subscriber,) = _followers(portal_a, 1)
    letter = _compose(portal_a)
    services.letter_edit(
        portal=portal_a,
        actor=_animator(),
        letter_id=letter.pk,
        intro="Un mot de l'équipe.",
        order=list(range(len(letter.items))),
        keep=set(range(len(letter.items))),
        send_now=True,
    )
    tasks.periodic.call()
    (message,) = mail.outbox
    email = parsed(message)
    assert email.get_content_type() == "multipart/alternative"
    assert "Quartier Alpha" in email["Subject"]
    assert str(email["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    found = parts(message)
    assert "Repas partagé au jardin" in found["text/plain"]
    assert "Un mot de l'équipe." in found["text/plain"]
    html = found["text/html"]
    assert "<table" in html and 'style="' in html
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert all(link.startswith(base) for link in links(html))
    assert f"{base}/alpha/lettre/{letter.number}/" in html


def _animator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="animation.alpha@example.org")


def _sent_letter(portal):
    letter = _compose(portal)
    Letter.objects.filter(pk=letter.pk).update(
        status=Letter.SENT, sent_at=timezone.now()
    )
    letter.refresh_from_db()
    return letter


def test_the_archive_shows_sent_letters_of_this_portal_only(
    client, week_content, portal_a, portal_b
):
    draft_b = _compose(portal_b)
    letter = _sent_letter(portal_a)
    html = client.get("/alpha/lettre/").content.decode()
    assert f'href="/alpha/lettre/{letter.number}/"' in html
    page = client.get(f"/alpha/lettre/{letter.number}/").content.decode()
    assert "Repas partagé au jardin" in page
    assert client.get(f"/beta/lettre/{draft_b.number}/").status_code == 404  # a draft
    assert client.get("/alpha/lettre/99/").status_code == 404


def test_an_item_hidden_since_drops_out_of_the_archive(client, week_content, portal_a):
    from wagtail.models import Page

    letter = _sent_letter(portal_a)
    article = next(i for i in letter.items if i["kind"] == "article")
    Page.objects.filter(pk=article["id"]).update(live=False)
    page = client.get(f"/alpha/lettre/{letter.number}/").content.decode()
    assert article["title"] not in page
    assert "Repas partagé au jardin" in page


def _pdf_text_and_codes(content: bytes) -> tuple[str, set[str], int]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    codes = set()
    document = pypdfium2.PdfDocument(content)
    for index in range(len(document)):
        image = document[index].render(scale=3).to_pil()
        codes |= {result.text for result in zxingcpp.read_barcodes(image)}
    return text, codes, len(reader.pages)


def test_the_printed_edition_has_the_items_and_qr_codes_to_them(
    client, week_content, portal_a
):
    letter = _sent_letter(portal_a)
    response = client.get(f"/alpha/lettre/{letter.number}/imprimer/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, codes, pages = _pdf_text_and_codes(response.content)
    assert 1 <= pages <= 2
    assert "La lettre du quartier" in text
    assert "Repas partagé au jardin" in text
    assert "Article généré 0" in text
    expected = {emails.absolute(item["url"]) for item in letter.items}
    expected.add(emails.absolute("/alpha/"))
    assert expected <= codes


def test_the_animator_downloads_the_pdf_from_the_admin(
    staff_client, week_content, portal_a, animator_a, animator_b
):
    letter = _compose(portal_a)
    assert (
        staff_client(animator_b)
        .get(f"/admin/lettre/lettres/{letter.pk}/pdf/")
        .status_code
        == 404
    )
    response = staff_client(animator_a).get(f"/admin/lettre/lettres/{letter.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith(b"%PDF")


def test_on_its_weekday_the_job_composes_drafts_and_tells_the_animators(
    week_content, portal_a, portal_b, settings
):
    settings.QUARTIERS_LETTER_WEEKDAY = timezone.localdate().weekday()
    _followers(portal_a, 1)  # portal B has no follower: no letter to prepare
    tasks.periodic.call()
    tasks.periodic.call()
    (letter,) = Letter.objects.all()
    assert letter.portal == portal_a and letter.status == "draft"
    told = [m for m in mail.outbox if "animation.alpha@example.org" in m.to]
    assert len(told) == 1
    assert f"/admin/lettre/lettres/{letter.pk}/" in told[0].body
    assert not [m for m in mail.outbox if "animation.beta@example.org" in m.to]


def test_a_resident_finds_mes_notifications_in_the_account_menu(client, resident_a):
    client.force_login(resident_a)
    html = client.get("/alpha/").content.decode()
    assert 'href="/compte/suivi/notifications/"' in html
