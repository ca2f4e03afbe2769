"""RSS and Atom feeds: every list has one, full text, images, no leak, cached."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)


def entries(root) -> list:
    if root.tag == f"{ATOM}feed":
        return root.findall(f"{ATOM}entry")
    return root.findall("channel/item")


def titles(root) -> list[str]:
    if root.tag == f"{ATOM}feed":
        return [e.findtext(f"{ATOM}title") for e in entries(root)]
    return [e.findtext("title") for e in entries(root)]


@pytest.fixture
def content(build, portal_a, portal_b, resident_a, resident_b):
    """A bit of everything on A and on B (B's titles say so)."""
    made = {}
    for portal, resident, name in (
        (portal_a, resident_a, "A"),
        (portal_b, resident_b, "B"),
    ):
        cover = build.image(portal)
        made[f"article_{name}"] = build.article(
            portal, f"Article du quartier {name}", rubrique="portraits", cover=cover
        )
        blog = build.blog(portal, resident, f"Blog {name}")
        made[f"blog_{name}"] = blog
        made[f"post_{name}"] = build.post(blog, f"Billet du quartier {name}")
        made[f"ad_{name}"] = build.ad(portal, f"Annonce du quartier {name}")
        actor = build.actor(portal, f"Association du quartier {name}")
        made[f"actor_{name}"] = actor
        made[f"event_{name}"] = build.event(
            portal, f"Fête du quartier {name}", place_actor_id=actor.pk
        )
        build.practical(portal, f"Numéros utiles du quartier {name}")
        build.episode(portal, f"Émission du quartier {name}")
        build.video(portal, f"Vidéo du quartier {name}")
    return made


def feed_urls(made) -> list[str]:
    blog, actor = made["blog_A"], made["actor_A"]
    return [
        "/alpha/rss.xml",
        "/alpha/journal/rss.xml",
        "/alpha/journal/rubriques/portraits/rss.xml",
        "/alpha/blogs/rss.xml",
        f"/alpha/blogs/{blog.slug}/rss.xml",
        "/alpha/annonces/rss.xml",
        "/alpha/annonces/don/rss.xml",
        "/alpha/agenda/rss.xml",
        f"/alpha/acteurs/{actor.slug}/rss.xml",
        "/alpha/acteurs/rss.xml",
        "/alpha/infos-pratiques/rss.xml",
        "/alpha/radio/rss.xml",
        "/alpha/tv/rss.xml",
    ]


def test_every_list_has_an_rss_and_an_atom_feed_that_parse(client, content):
    for url in feed_urls(content):
        rss = client.get(url)
        assert rss["Content-Type"].startswith("application/rss+xml")
        root = parse(rss)
        assert root.tag == "rss" and root.get("version") == "2.0"
        assert entries(root), url
        atom = client.get(url.replace("rss.xml", "atom.xml"))
        assert atom["Content-Type"].startswith("application/atom+xml")
        assert parse(atom).tag == f"{ATOM}feed"
        assert titles(parse(atom)) == titles(root), url


def test_a_portals_feeds_never_show_another_portals_items(client, content):
    for url in feed_urls(content):
        for fmt in ("rss", "atom"):
            body = client.get(url.replace("rss", fmt)).content.decode()
            assert "quartier A" in body, url
            assert "quartier B" not in body, url


def test_the_network_feed_shows_every_portal_with_its_name(client, content):
    root = parse(client.get("/rss.xml"))
    found = titles(root)
    assert "Article du quartier A (Quartier Alpha)" in found
    assert "Article du quartier B (Quartier Bêta)" in found
    assert parse(client.get("/atom.xml")).tag == f"{ATOM}feed"


def test_drafts_and_offline_items_stay_out_of_every_feed(
    client, build, portal_a, content
):
    build.article(portal_a, "Brouillon du journal", live=False)
    build.ad(portal_a, "Annonce en attente", status="pending")
    build.event(portal_a, "Fête à valider", published=False)
    for url in [*feed_urls(content), "/rss.xml"]:
        body = client.get(url).content.decode()
        for secret in ("Brouillon du journal", "Annonce en attente", "Fête à valider"):
            assert secret not in body, (url, secret)


def test_articles_come_with_their_full_text_and_their_photo(client, content):
    root = parse(client.get("/alpha/journal/rss.xml"))
    (item,) = entries(root)
    assert "Texte complet de Article du quartier A." in item.findtext("description")
    enclosure = item.find("enclosure")
    assert enclosure.get("url").startswith("http://testserver/media/")
    assert enclosure.get("type") == "image/png"
    assert int(enclosure.get("length")) > 0
    atom = parse(client.get("/alpha/journal/atom.xml"))
    (entry,) = entries(atom)
    assert "Texte complet" in entry.findtext(f"{ATOM}content")
    assert entry.findtext(f"{ATOM}summary") == "Chapeau de Article du quartier A"
    assert entry.find(f"{ATOM}link[@rel='enclosure']") is not None


def test_events_say_when_and_where(client, content):
    (item,) = entries(parse(client.get("/alpha/agenda/rss.xml")))
    description = item.findtext("description")
    assert "Quand :" in description and "Pelouse centrale" in description


def test_guids_are_stable_when_a_title_changes(client, content, settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0
    ad = content["ad_A"]
    first = entries(parse(client.get("/alpha/annonces/rss.xml")))[0].findtext("guid")
    ad.title = "Poussette bleue à donner"
    ad.save()
    again = entries(parse(client.get("/alpha/annonces/rss.xml")))[0]
    assert again.findtext("title") == "Poussette bleue à donner"
    assert again.findtext("guid") == first
    assert again.find("guid").get("isPermaLink") == "false"


def test_feeds_are_kept_until_something_public_changes(
    client, build, portal_a, content
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        response = client.get("/alpha/journal/rss.xml")
    assert "max-age=300" in response["Cache-Control"]
    with CaptureQueriesContext(connection) as second:
        client.get("/alpha/journal/rss.xml")
    assert len(second) < len(first)  # built once, then read from the cache
    # A publish shows at once, not when the kept copy expires.
    build.article(portal_a, "Article tout frais")
    assert b"Article tout frais" in client.get("/alpha/journal/rss.xml").content
    # Another portal's address is another cache entry.
    assert b"quartier B" in client.get("/beta/journal/rss.xml").content


@pytest.mark.parametrize(
    "url",
    [
        "/alpha/journal/rubriques/inconnue/rss.xml",
        "/alpha/blogs/blog-inconnu/rss.xml",
        "/alpha/annonces/vente-aux-encheres/rss.xml",
        "/alpha/acteurs/personne/rss.xml",
        "/alpha/journal/json.xml",
        "/inconnu/rss.xml",
    ],
)
def test_unknown_lists_answer_404(client, content, url):
    assert client.get(url).status_code == 404


def test_another_portals_blog_or_actor_answers_404(client, content):
    assert (
        client.get(f"/alpha/blogs/{content['blog_B'].slug}/rss.xml").status_code == 404
    )
    actor_b = content["actor_B"]
    if actor_b.slug != content["actor_A"].slug:
        assert client.get(f"/alpha/acteurs/{actor_b.slug}/rss.xml").status_code == 404


def test_an_unpublished_blog_has_no_feed(client, build, portal_a, resident_a, content):
    from quartiers.blogs.models import BlogPage

    blog = content["blog_A"]
    BlogPage.objects.filter(pk=blog.pk).update(live=False)
    assert client.get(f"/alpha/blogs/{blog.slug}/rss.xml").status_code == 404
    assert b"Billet du quartier A" not in client.get("/alpha/blogs/rss.xml").content


def test_a_section_switched_off_has_no_feed(client, portal_a, content):
    portal_a.enabled_sections = [
        s for s in portal_a.enabled_sections if s != "annonces"
    ]
    portal_a.save()
    assert client.get("/alpha/annonces/rss.xml").status_code == 404
    assert b"Annonce du quartier A" not in client.get("/alpha/rss.xml").content


@pytest.mark.parametrize(
    "url",
    [
        "/alpha/rss.xml",
        "/alpha/journal/rss.xml",
        "/alpha/blogs/rss.xml",
        "/alpha/annonces/rss.xml",
        "/alpha/agenda/atom.xml",
        "/rss.xml",
    ],
)
def test_a_feed_costs_the_same_queries_with_few_or_many_items(
    client, one_of_each, count_queries, url
):
    one_of_each(1)
    few = count_queries(client, url)
    one_of_each(6)
    many = count_queries(client, url)
    assert many == few, url


def test_an_actor_feed_costs_the_same_queries_with_few_or_many_items(
    client, build, portal_a, count_queries
):
    actor = build.actor(portal_a, "Centre social")
    build.event(portal_a, "Atelier au centre social", place_actor_id=actor.pk)
    build.article(portal_a, "Le Centre social ouvre le samedi")
    url = f"/alpha/acteurs/{actor.slug}/rss.xml"
    few = count_queries(client, url)
    for number in range(5):
        build.event(portal_a, f"Atelier {number}", place_actor_id=actor.pk)
        build.article(portal_a, f"Centre social, épisode {number}")
    assert count_queries(client, url) == few


@pytest.fixture
def own_domain(portal_a):
    """Portal A also answers at the root of its own domain."""
    from wagtail.models import Site

    return Site.objects.create(
        hostname="alpha.example", port=80, root_page=portal_a.home_page
    )


def test_on_its_own_domain_a_portal_feed_links_to_that_domain(
    client, content, own_domain
):
    root = parse(client.get("/rss.xml", HTTP_HOST="alpha.example"))
    found = titles(root)
    assert "Article du quartier A" in found
    assert not any("quartier B" in title for title in found)
    links = [item.findtext("link") for item in entries(root)]
    assert all(link.startswith("http://alpha.example/") for link in links)
    assert not any(link.startswith("http://alpha.example/alpha/") for link in links)
    journal = parse(client.get("/journal/rss.xml", HTTP_HOST="alpha.example"))
    assert titles(journal) == ["Article du quartier A"]


def test_oembed_knows_a_portals_own_domain(client, content, own_domain):
    from quartiers.portals.exposing import page_path

    article = content["article_A"]
    url = "http://alpha.example" + page_path(article).removeprefix("/alpha")
    response = client.get("/oembed/", {"url": url})
    assert response.status_code == 200
    assert response.json()["title"] == "Article du quartier A"
    article_b = content["article_B"]
    other = "http://alpha.example" + page_path(article_b).removeprefix("/beta")
    assert client.get("/oembed/", {"url": other}).status_code == 404
