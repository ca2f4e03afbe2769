"""Widgets: framed by any site, tiny, cookie-free, strict with their filters."""

import html
import re
from datetime import timedelta

import pytest

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

KINDS = ["articles", "evenements", "annonces", "radio", "episode", "video"]
MAX_BYTES = 30 * 1024


@pytest.fixture
def filled(build, portal_a, portal_b, resident_a):
    actor = build.actor(portal_a, "Centre social Alpha")
    build.article(portal_a, "Portrait de Fatou", rubrique="portraits", tags=("jardin",))
    build.article(portal_a, "La kermesse", rubrique="vie-du-quartier")
    build.event(portal_a, "Atelier couture", place_actor_id=actor.pk)
    build.event(portal_a, "Loto de l'automne", start=None)
    build.ad(portal_a, "Vélo à prêter", kind="pret")
    build.ad(portal_a, "Poussette à donner")
    build.episode(portal_a, "Le marché du samedi")
    build.video(portal_a, "La fête en images")
    build.article(portal_b, "Secret de Bêta")
    build.event(portal_b, "Fête de Bêta")
    return {"actor": actor, "actor_b": build.actor(portal_b, "Voisins de Bêta")}


def widget(client, kind, **params):
    return client.get(f"/alpha/widgets/{kind}/", params)


def assert_frameable_and_cookie_free(response):
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "frame-ancestors 'none'" not in policy
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("kind", [*KINDS, "acteur"])
@pytest.mark.parametrize("theme", ["clair", "sombre"])
def test_each_widget_is_a_small_frameable_page_without_cookie(
    client, filled, kind, theme
):
    params = {"theme": theme}
    if kind == "acteur":
        params["acteur"] = filled["actor"].slug
    response = widget(client, kind, **params)
    assert response.status_code == 200
    assert_frameable_and_cookie_free(response)
    body = response.content.decode()
    assert len(response.content) <= MAX_BYTES
    assert f'class="{theme}"' in body
    assert "<h1>" in body
    # One script, ours, that reports the height; no stylesheet to fetch.
    assert re.findall(r"<script[^>]*>", body) == [
        '<script src="/static/outreach/widget-height.js" async>'
    ]
    assert 'rel="stylesheet"' not in body
    links = re.findall(r"<a [^>]*>", body)
    assert links
    assert all('target="_blank" rel="noopener"' in link for link in links)
    assert "Bêta" not in body


def test_widgets_set_no_cookie_even_for_someone_logged_in(client, filled, resident_a):
    client.force_login(resident_a)
    for kind in KINDS:
        assert_frameable_and_cookie_free(widget(client, kind))


def test_a_widget_with_twenty_long_items_stays_under_30_kb(client, build, portal_a):
    for number in range(25):
        build.ad(
            portal_a, f"Annonce {number} " + "très longue " * 9, place="Près du marché"
        )
    response = widget(client, "annonces", nombre="20")
    assert response.status_code == 200
    assert response.content.count(b"<li>") == 20
    assert len(response.content) <= MAX_BYTES


def test_every_other_page_refuses_to_be_framed(client, filled):
    for url in ("/alpha/", "/alpha/widgets/", "/alpha/journal/", "/alpha/rss.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


def test_filters_choose_what_is_shown(client, filled):
    body = widget(client, "articles", rubrique="portraits").content.decode()
    assert "Portrait de Fatou" in body and "La kermesse" not in body
    body = widget(client, "articles", motcle="Jardin").content.decode()
    assert "Portrait de Fatou" in body and "La kermesse" not in body
    body = widget(client, "annonces", type="pret").content.decode()
    assert "Vélo à prêter" in body and "Poussette" not in body
    body = widget(client, "acteur", acteur=filled["actor"].slug).content.decode()
    assert "Atelier couture" in body and "Loto" not in body
    body = widget(client, "articles", nombre="1").content.decode()
    assert body.count("<li>") == 1


def test_events_far_ahead_are_left_out(client, build, portal_a):
    from quartiers.outreach.tests.conftest import soon

    build.event(portal_a, "Dans trois jours", start=soon(3))
    build.event(portal_a, "Dans deux mois", start=soon(60))
    body = widget(client, "evenements", jours="7").content.decode()
    assert "Dans trois jours" in body and "Dans deux mois" not in body
    body = widget(client, "evenements", jours="90").content.decode()
    assert "Dans deux mois" in body


def test_an_empty_widget_says_so(client, db):
    response = widget(client, "articles")
    assert response.status_code == 200
    assert "Rien pour le moment" in response.content.decode()


@pytest.mark.parametrize(
    "kind,params,message",
    [
        ("articles", {"nombre": "1000000000"}, "entre 1 et 20"),
        ("articles", {"nombre": "-3"}, "entre 1 et 20"),
        ("articles", {"nombre": "0"}, "entre 1 et 20"),
        ("articles", {"nombre": "cinq"}, "entre 1 et 20"),
        ("evenements", {"jours": "100000"}, "entre 1 et 365"),
        ("articles", {"theme": "rose"}, "clair"),
        ("articles", {"rubrique": "n-existe-pas"}, "rubrique"),
        ("evenements", {"categorie": "inconnue"}, "catégorie"),
        ("annonces", {"type": "vente"}, "type d'annonce"),
        ("acteur", {}, "Choisissez"),
        ("acteur", {"acteur": "personne"}, "annuaire"),
        ("inconnu", {}, "n'existe pas"),
    ],
)
def test_bad_filters_answer_400_with_a_plain_message(
    client, filled, kind, params, message
):
    response = widget(client, kind, **params)
    assert response.status_code == 400
    assert_frameable_and_cookie_free(response)
    assert message in html.unescape(response.content.decode())


def test_another_portals_or_unpublished_actor_is_refused_without_a_leak(
    client, build, portal_a, filled
):
    hidden = build.actor(portal_a, "Acteur pas encore validé", status="suggested")
    for slug in (filled["actor_b"].slug, hidden.slug):
        response = widget(client, "acteur", acteur=slug)
        assert response.status_code == 400
        body = response.content.decode()
        assert "Voisins de Bêta" not in body and "pas encore validé" not in body


def test_a_section_switched_off_has_no_widget(client, portal_a, filled):
    portal_a.enabled_sections = [s for s in portal_a.enabled_sections if s != "agenda"]
    portal_a.save()
    assert widget(client, "evenements").status_code == 400
    assert widget(client, "acteur", acteur=filled["actor"].slug).status_code == 400


@pytest.mark.parametrize("kind", ["articles", "evenements", "annonces"])
def test_a_widget_costs_the_same_queries_with_few_or_many_items(
    client, one_of_each, count_queries, kind
):
    one_of_each(1)
    url = f"/alpha/widgets/{kind}/?nombre=20&jours=365"
    few = count_queries(client, url)
    one_of_each(6)
    assert count_queries(client, url) == few


def test_the_builder_offers_every_kind_and_works_without_javascript(client, filled):
    response = client.get("/alpha/widgets/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Insérer un widget</h1>" in body
    assert 'method="get"' in body
    for kind in [*KINDS, "acteur"]:
        assert f'value="{kind}"' in body, kind
    assert "/alpha/rss.xml" in body  # the feeds are listed too


def test_the_builder_shows_a_preview_and_the_code_to_copy(client, filled):
    response = client.get(
        "/alpha/widgets/",
        {"contenu": "evenements", "nombre": "3", "jours": "30", "theme": "sombre"},
    )
    assert response.status_code == 200
    widget = response.context_data["widget"]
    src = "http://testserver/alpha/widgets/evenements/?nombre=3&amp;theme=sombre"
    assert f'src="{src}"' in widget["frame"]
    assert 'title="Prochains événements — Quartier Alpha"' in widget["frame"]
    assert 'loading="lazy"' in widget["frame"]
    assert '<a href="http://testserver/alpha/agenda/">' in widget["frame"]
    assert "widget-resize.js" in widget["script"]
    body = response.content.decode()
    assert 'id="apercu"' in body
    assert body.count("<iframe") == 1
    # The preview's address gives the widget itself.
    framed = client.get(src.replace("http://testserver", "").replace("&amp;", "&"))
    assert framed.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"contenu": "evenements", "nombre": "1000000000"},
        {"contenu": "evenements", "jours": "-1"},
        {"contenu": "inconnu"},
        {"contenu": "acteur"},
        {"contenu": "articles", "rubrique": "pas-ici"},
        {"contenu": "articles", "motcle": "x" * 500},
    ],
)
def test_the_builder_explains_bad_choices_and_keeps_them(client, filled, params):
    response = client.get("/alpha/widgets/", params)
    assert response.status_code == 200
    assert "widget" not in response.context_data
    assert response.context_data["form"].errors


def test_the_builder_never_lists_another_portals_actors(client, filled):
    body = client.get("/alpha/widgets/").content.decode()
    assert "Centre social Alpha" in body
    assert "Voisins de Bêta" not in body


def test_widget_pages_are_cached_a_few_minutes(client, filled):
    response = widget(client, "articles")
    assert "max-age=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_passed_events_never_show(client, build, portal_a):
    from django.utils import timezone

    build.event(
        portal_a, "Vide-grenier passé", start=timezone.now() - timedelta(days=1)
    )
    assert "Vide-grenier passé" not in widget(client, "evenements").content.decode()


def test_pages_framed_by_their_own_site_say_self_not_none(rf):
    """Wagtail's previews ask for SAMEORIGIN; the policy says the same."""
    from django.http import HttpResponse

    from quartiers.core.headers import SecurityHeadersMiddleware

    def preview(request):
        response = HttpResponse("aperçu")
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    response = SecurityHeadersMiddleware(preview)(rf.get("/alpha/journal/"))
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert (
        "'none'" not in response["Content-Security-Policy"].split("frame-ancestors")[1]
    )
    plain = SecurityHeadersMiddleware(lambda r: HttpResponse("x"))(rf.get("/"))
    assert "frame-ancestors 'none'" in plain["Content-Security-Policy"]
