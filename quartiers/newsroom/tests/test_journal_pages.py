import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.newsroom import selectors
from quartiers.uploads.models import PortalImage
from tests.factories import bulk_articles, png_bytes

pytestmark = pytest.mark.django_db


def test_journal_lists_the_portals_articles_newest_first(
    client, portal_a, portal_b, publish_article, resident_a
):
    publish_article(portal_a, "La fête des voisins", author=resident_a)
    publish_article(portal_a, "Le jardin partagé")
    publish_article(portal_b, "Nouvelles de Bêta")

    html = client.get("/alpha/journal/").content.decode()

    assert html.index("Le jardin partagé") < html.index("La fête des voisins")
    assert "Nouvelles de Bêta" not in html
    assert "habitant alpha" in html  # author shown
    assert "min de lecture" in html


def test_journal_filters_by_rubrique(client, portal_a, publish_article):
    publish_article(portal_a, "Portrait de Mme Benali", rubrique_slug="portraits")
    publish_article(portal_a, "Travaux de l'avenue", rubrique_slug="vie-du-quartier")
    html = client.get("/alpha/journal/?rubrique=portraits").content.decode()
    assert "Portrait de Mme Benali" in html
    assert "Travaux de l" not in html
    unknown = client.get("/alpha/journal/?rubrique=n-existe-pas")
    assert unknown.status_code == 200


def test_new_portals_get_the_usual_rubriques(portal_a):
    names = [r.name for r in selectors.rubriques_of(portal_a)]
    assert names == ["Vie du quartier", "Portraits", "Jeunesse", "Solidarités"]


def test_drafts_are_not_listed_nor_served(client, portal_a):
    from quartiers.newsroom.models import ArticlePage

    journal = selectors.journal_of(portal_a)
    draft = journal.add_child(
        instance=ArticlePage(title="Brouillon secret", live=False)
    )
    assert "Brouillon secret" not in client.get("/alpha/journal/").content.decode()
    assert client.get(f"/alpha/journal/{draft.slug}/").status_code == 404


def test_article_page_shows_body_quote_and_related(client, portal_a, publish_article):
    publish_article(portal_a, "Autre portrait", rubrique_slug="portraits")
    article = publish_article(
        portal_a,
        "Karim le coiffeur",
        rubrique_slug="portraits",
        tags=["commerce"],
        body=[
            {
                "type": "paragraph",
                "value": "<p>Son salon est un lieu de rencontre.</p>",
            },
            {"type": "heading", "value": "Trente ans de coupes"},
            {
                "type": "quote",
                "value": {"text": "Ici on parle de tout.", "attribution": "Karim"},
            },
        ],
    )
    html = client.get(f"/alpha/journal/{article.slug}/").content.decode()
    assert "<h2>Trente ans de coupes</h2>" in html
    assert "Ici on parle de tout." in html and "— Karim" in html
    assert "À lire aussi" in html and "Autre portrait" in html
    assert "commerce" in html


def test_image_whose_consent_was_withdrawn_is_not_shown(
    client, portal_a, publish_article
):
    image = PortalImage(
        title="Portrait",
        file=SimpleUploadedFile("p.png", png_bytes()),
        collection=portal_a.collection,
        consent=PortalImage.CONSENT_GIVEN,
        alt_text="Une dame devant son salon",
    )
    image.save()
    article = publish_article(
        portal_a,
        "Avec photo",
        body=[
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt": "Une dame devant son salon",
                    "caption": "Légende",
                },
            }
        ],
    )
    assert (
        'alt="Une dame devant son salon"'
        in client.get(f"/alpha/journal/{article.slug}/").content.decode()
    )
    image.consent = PortalImage.CONSENT_WITHDRAWN
    image.save()
    assert (
        "Une dame devant son salon"
        not in client.get(f"/alpha/journal/{article.slug}/").content.decode()
    )


def test_home_shows_featured_then_latest(client, portal_a, publish_article):
    publish_article(portal_a, "Article à la une", featured=True)
    publish_article(portal_a, "Article récent")
    html = client.get("/alpha/").content.decode()
    assert (
        html.index("À la une")
        < html.index("Article à la une")
        < html.index("Article récent")
    )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.slow
def test_journal_home_and_article_cost_the_same_with_10_and_5000_articles(
    client, portal_a, publish_article
):
    journal = selectors.journal_of(portal_a)
    bulk_articles(journal, 9)
    article = publish_article(portal_a, "Article témoin", rubrique_slug="portraits")
    small = [
        _queries(client, url)
        for url in (
            "/alpha/journal/",
            "/alpha/",
            f"/alpha/journal/{article.slug}/",
            "/alpha/journal/?rubrique=portraits",
        )
    ]

    bulk_articles(journal, 4990, start=100)
    large = [
        _queries(client, url)
        for url in (
            "/alpha/journal/",
            "/alpha/",
            f"/alpha/journal/{article.slug}/",
            "/alpha/journal/?rubrique=portraits",
        )
    ]

    assert small == large
    # The portal home gathers a block from every section; the others stay small.
    assert large[1] <= 35
    # The article reads once whether every page above it is live (visibility);
    # the journal reads the few articles accepted from other portals first.
    assert max(large[0], large[2], large[3]) <= 22
    assert "Page 1 sur 417" in client.get("/alpha/journal/").content.decode()


def test_article_offers_comments_and_a_report_link(
    client, resident_a, portal_a, publish_article
):
    article = publish_article(portal_a, "Avec commentaires")
    html = client.get(f"/alpha/journal/{article.slug}/").content.decode()
    assert f"/reactions/signaler/page/{article.pk}/" in html
    assert "Connectez-vous pour commenter" in html
    client.force_login(resident_a)
    response = client.post(
        f"/reactions/pages/{article.pk}/commenter/", {"body": "Bravo !"}
    )
    assert response.status_code == 302


def test_animator_manages_only_their_portals_rubriques(
    staff_client, animator_a, portal_a, portal_b
):
    from quartiers.newsroom.models import Rubrique

    client = staff_client(animator_a)
    listing = client.get("/admin/snippets/newsroom/rubrique/")
    assert listing.status_code == 200
    html = listing.content.decode()
    own = Rubrique.objects.filter(portal=portal_a).first()
    other = Rubrique.objects.filter(portal=portal_b).first()
    assert f"/admin/snippets/newsroom/rubrique/edit/{own.pk}/" in html
    assert f"/admin/snippets/newsroom/rubrique/edit/{other.pk}/" not in html
    assert (
        client.get(f"/admin/snippets/newsroom/rubrique/edit/{own.pk}/").status_code
        == 200
    )
    assert (
        client.get(f"/admin/snippets/newsroom/rubrique/edit/{other.pk}/").status_code
        == 404
    )
    assert (
        client.post(f"/admin/snippets/newsroom/rubrique/delete/{other.pk}/").status_code
        == 404
    )
    assert Rubrique.objects.filter(pk=other.pk).exists()
