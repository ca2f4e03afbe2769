"""Content-Security-Policy and Permissions-Policy: what each kind of page says.

Public pages allow no inline script and only the inline styles they wrote
through the page_policy tags; the admin gets Wagtail's looser policy; widgets
may be framed by any site; a page asks for the microphone or another origin
only where it uses them.
"""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import HttpResponse
from django.template import Context, RequestContext, Template
from django.test import override_settings

from quartiers.core.headers import (
    PagePolicy,
    SecurityHeadersMiddleware,
    _storage_origins,
    origin_of,
    parse_policy,
)

PUBLIC_PAGES = [
    "/",
    "/alpha/",
    "/alpha/journal/",
    "/alpha/agenda/",
    "/alpha/radio/",
    "/alpha/tv/",
    "/alpha/blogs/",
    "/alpha/annonces/",
    "/alpha/acteurs/",
    "/alpha/acteurs/carte/",
    "/alpha/infos-pratiques/",
    "/alpha/participer/",
    "/alpha/recherche/?q=jardin",
    "/alpha/widgets/",
    "/alpha/widgets/?contenu=articles&nombre=3&theme=sombre&taille=moyen",
    "/alpha/widgets/articles/?theme=sombre",
    "/alpha/widgets/radio/",
    "/alpha/widgets/articles/?nombre=1000000000",
    "/compte/login/",
    "/compte/signup/",
    "/api/v1/",
    "/quartier-inconnu/",
]
TEMPLATE_ROOTS = sorted(Path(settings.PROJECT_DIR).glob("**/templates"))
NOT_EXECUTED = {"application/json", "application/ld+json"}


def sha256(text: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        + "'"
    )


class InlineCode(HTMLParser):
    """Collects what a CSP must allow inline: scripts, handlers, styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.styles = [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if values.get("style") is not None:
            self.styles.append(values["style"])
        if tag == "script" and not values.get("src"):
            if (values.get("type") or "").lower() not in NOT_EXECUTED:
                self._in = "script"
        elif tag == "style":
            self._in = "style"
            self.styles.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles[-1] += data


def inline_code(html: str) -> InlineCode:
    parser = InlineCode()
    parser.feed(html)
    return parser


def policy_of(response) -> dict[str, list[str]]:
    return parse_policy(response["Content-Security-Policy"])


# ---- Templates: the next inline script is caught before it ships ------------


def _templates():
    for root in TEMPLATE_ROOTS:
        yield from sorted(root.glob("**/*.html"))


def test_templates_are_found():
    assert len(list(_templates())) > 100


def test_no_template_has_an_inline_script_or_event_handler():
    """Scripts are static files; an inline one would be refused by the policy."""
    found = []
    for path in _templates():
        text = path.read_text()
        for attrs in re.findall(r"<script\b([^>]*)>", text, flags=re.IGNORECASE):
            type_ = re.search(r"""type\s*=\s*["']?([\w/+.-]+)""", attrs)
            if "src=" not in attrs and (
                not type_ or type_.group(1).lower() not in NOT_EXECUTED
            ):
                found.append(f"{path}: <script{attrs}>")
        for tag in re.findall(r"<[a-zA-Z][^<>]*>", text):
            if re.search(r"\son[a-z]+\s*=", tag):
                found.append(f"{path}: {tag[:80]}")
    assert not found, "\n".join(found)


def test_public_templates_write_styles_only_through_the_policy_tags():
    """A style attribute or <style> element is refused unless hashed by a tag."""
    found = []
    for path in _templates():
        if "admin" in path.parts:  # the admin's policy allows inline styles
            continue
        if "emails" in path.parts:  # mail apps read inline styles only; no CSP
            continue
        text = path.read_text()
        if re.search(r"\sstyle\s*=", text) or re.search(r"<style[\s>]", text):
            found.append(str(path))
    assert not found, "\n".join(found)


# ---- Pages: every inline style is allowed by hash, no inline script ---------


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_allow_exactly_the_inline_styles_they_wrote(client, portal_a, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404), url
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'"], url
    assert "'unsafe-inline'" not in policy["style-src"], url
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    code = inline_code(response.content.decode())
    assert not code.scripts, (url, code.scripts)
    assert not code.handlers, (url, code.handlers)
    for style in code.styles:
        assert sha256(style) in policy["style-src"], (url, style)


@pytest.mark.django_db
def test_portal_colours_reach_the_page_through_an_allowed_style(client, portal_a):
    portal_a.primary_color = "#7c2d12"
    portal_a.save(update_fields=["primary_color"])
    response = client.get("/alpha/")
    html = response.content.decode()
    assert f"--primary:{portal_a.primary_color}" in html
    styles = inline_code(html).styles
    assert any("#7c2d12" in style for style in styles)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/alpha/", "/alpha/widgets/articles/"])
def test_a_page_served_again_from_the_cache_keeps_its_allowed_styles(
    client, portal_a, url, settings
):
    """The page cache keeps a page with the policy its drawing asked for."""
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60  # off by default in tests
    for _ in range(4):  # learnt, stored, then served from the page cache
        response = client.get(url)
        styles = inline_code(response.content.decode()).styles
        assert styles, url
        for style in styles:
            assert sha256(style) in policy_of(response)["style-src"], (url, style)
    assert response.get("X-Page-Cache") == "hit", url


def test_a_value_that_is_not_a_colour_never_becomes_css(rf):
    request = rf.get("/")
    template = Template("{% load page_policy %}<p{% css_vars c=value %}>")
    html = template.render(
        RequestContext(request, {"value": "red;background:url(//evil.test)"})
    )
    assert html == "<p>"
    assert not getattr(request, "page_policy", PagePolicy()).style_hashes


# ---- Which policy for which page ---------------------------------------------


@pytest.mark.django_db
def test_every_page_refuses_to_be_framed_but_widgets(client, portal_a):
    assert policy_of(client.get("/alpha/"))["frame-ancestors"] == ["'none'"]
    widget = client.get("/alpha/widgets/articles/")
    assert policy_of(widget)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in widget
    assert policy_of(widget)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_admin_gets_wagtails_policy_still_without_plugins_or_foreign_forms(
    client, coordinator
):
    client.force_login(coordinator)
    response = client.get("/admin/")
    policy = policy_of(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_wagtail_preview_keeps_the_page_policy_and_may_be_framed_by_the_admin(rf):
    """Wagtail draws the preview through the middlewares for the page's own
    address (public policy, frame-ancestors 'none'), then asks SAMEORIGIN."""
    inner = SecurityHeadersMiddleware(lambda request: HttpResponse("aperçu"))

    def preview(request):
        response = inner(rf.get("/alpha/journal/"))
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    outer = SecurityHeadersMiddleware(preview)
    policy = policy_of(outer(rf.get("/admin/pages/3/edit/preview/")))
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]


def test_a_view_that_wrote_a_whole_policy_keeps_it(rf):
    """Uploaded files carry their sandbox; nothing is added to it."""

    def download(request):
        response = HttpResponse(b"x")
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(download)(rf.get("/medias/x"))
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_files_served_from_another_origin_are_allowed(rf):
    with override_settings(MEDIA_URL="https://cdn.example.org/media/"):
        response = SecurityHeadersMiddleware(lambda r: HttpResponse("x"))(rf.get("/"))
    policy = policy_of(response)
    assert "https://cdn.example.org" in policy["img-src"]
    assert "https://cdn.example.org" in policy["media-src"]


class FarStorage(FileSystemStorage):
    """Files handed out from object storage, as S3 does."""

    def url(self, name):
        return "https://objets.example.net/quartiers/" + name


def test_uploaded_files_kept_in_object_storage_are_allowed(rf):
    far = "quartiers.core.tests.test_headers.FarStorage"
    _storage_origins.cache_clear()
    try:
        with override_settings(
            STORAGES={**settings.STORAGES, "default": {"BACKEND": far}}
        ):
            response = SecurityHeadersMiddleware(lambda r: HttpResponse("x"))(
                rf.get("/")
            )
    finally:
        _storage_origins.cache_clear()
    policy = policy_of(response)
    assert "https://objets.example.net" in policy["img-src"]
    assert "https://objets.example.net" in policy["media-src"]


@pytest.mark.django_db
def test_maps_allow_the_tile_server_they_use_and_only_maps(client, portal_a):
    from decimal import Decimal

    from quartiers.directory.models import LocalActor

    LocalActor.objects.create(
        portal=portal_a,
        name="Mairie annexe",
        slug="mairie-annexe",
        kind=LocalActor.ASSOCIATION,
        status=LocalActor.PUBLISHED,
        town=portal_a.town,
        latitude=Decimal("48.90770"),
        longitude=Decimal("2.43970"),
    )
    tiles = "https://tuiles.example.org/{z}/{x}/{y}.png"
    with override_settings(QUARTIERS_MAP_TILES=tiles):
        map_page = client.get("/alpha/acteurs/carte/")
        other = client.get("/alpha/acteurs/")
    assert f'data-tiles="{tiles}"' in map_page.content.decode()
    assert "https://tuiles.example.org" in policy_of(map_page)["img-src"]
    assert "https://tuiles.example.org" not in policy_of(other)["img-src"]


def test_the_radio_stream_origin_is_allowed_where_the_player_is(rf):
    request = rf.get("/alpha/radio/")
    Template("{% load page_policy %}{% csp_allow 'media-src' url %}").render(
        RequestContext(request, {"url": "http://127.0.0.1:8010/alpha.mp3"})
    )
    response = SecurityHeadersMiddleware(lambda r: HttpResponse("x"))(request)
    assert "http://127.0.0.1:8010" in policy_of(response)["media-src"]


@pytest.mark.django_db
def test_radio_page_allows_the_stream_of_its_portal(client, portal_a, monkeypatch):
    from quartiers.radio import icecast, services

    services.radio_settings_save(
        portal=portal_a,
        actor=None,
        stream_url="http://127.0.0.1:8010/alpha.mp3",
    )
    monkeypatch.setattr(
        icecast, "stream_status", lambda *args: icecast.StreamStatus(on_air=True)
    )
    response = client.get("/alpha/radio/")
    assert "http://127.0.0.1:8010/alpha.mp3" in response.content.decode()
    assert "http://127.0.0.1:8010" in policy_of(response)["media-src"]
    beta = client.get("/beta/radio/")
    assert "http://127.0.0.1:8010" not in policy_of(beta)["media-src"]


def test_origin_of_ignores_what_is_not_a_web_address():
    assert (
        origin_of("https://a.example.org:8443/x.mp3?y") == "https://a.example.org:8443"
    )
    assert origin_of("http://[::1]:8000/x") == "http://[::1]:8000"
    for url in ("", "/media/x", "javascript:alert(1)", "rtmp://a/b", "http://[::1"):
        assert origin_of(url) == ""


# ---- Permissions-Policy --------------------------------------------------------


def _features(response) -> dict[str, str]:
    return dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )


@pytest.mark.django_db
def test_browser_features_are_denied_on_every_page(client, portal_a):
    for url in ("/", "/alpha/", "/alpha/widgets/articles/", "/compte/login/"):
        features = _features(client.get(url))
        for name in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[name] == "()", (url, name)


@pytest.mark.django_db
def test_the_testimony_recorder_may_use_the_microphone_and_nothing_else(
    client, portal_a, resident_a
):
    client.force_login(resident_a)
    response = client.get("/alpha/participer/temoignage/")
    assert response.status_code == 200
    features = _features(response)
    assert features["microphone"] == "(self)"
    assert features["camera"] == "()"
    assert features["geolocation"] == "()"
    assert _features(client.get("/alpha/participer/"))["microphone"] == "()"


def test_a_page_rendered_without_request_records_in_its_own_policy():
    policy = PagePolicy()
    html = Template(
        "{% load page_policy %}{% inline_style %}a{color:red}{% endinline_style %}"
    ).render(Context({"page_policy": policy}))
    assert html == "<style>a{color:red}</style>"
    assert policy.style_hashes == [sha256("a{color:red}")]
