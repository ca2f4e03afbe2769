"""sitemap.xml for each portal and for the hub, and robots.txt.

A portal's sitemap lists its home, its open sections and the public items of
every content kind (from the registry, so a new kind appears by itself). The
hub's /sitemap.xml is an index of the portals' sitemaps and of the hub's own.
"""

from xml.sax.saxutils import escape

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from quartiers.portals import pagecache, visibility
from quartiers.portals.features import registry
from quartiers.portals.models import Portal
from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH

from .links import portal_url, public_url

# A sitemap holds at most 50,000 addresses (sitemaps.org); keep a margin.
MAX_URLS = 45_000
CACHE_SECONDS = 3600
XML = "application/xml; charset=utf-8"


def own_domain_portal(request) -> Portal | None:
    """The portal served at the root of this request's domain, if any."""
    site = Site.find_for_request(request)
    if site is None or site.is_default_site:
        return None
    return (
        Portal.objects.filter(home_page_id=site.root_page_id)
        .select_related("home_page")
        .first()
    )


def _page_path(url_path: str) -> str:
    parts = url_path.split("/", 2)
    return "/" + (parts[2] if len(parts) > 2 else "")


def _lastmod(value) -> str:
    return value.date().isoformat() if value else ""


def portal_entries(request, portal: Portal) -> list[tuple[str, str]]:
    """(absolute address, last change) of everything public on the portal."""
    entries = [(portal_url(request, portal), "")]
    for section in registry.sections():
        if portal.section_enabled(section.key):
            entries.append((portal_url(request, portal, f"{section.slug}/"), ""))
    for kind in registry.content_kinds():
        room = MAX_URLS - len(entries)
        if room <= 0 or not portal.section_enabled(kind.section_key):
            continue
        queryset = visibility.visible(portal, kind)
        model = apps.get_model(kind.model)
        if issubclass(model, Page):
            # Pages: their address is in the row; no need to build each item.
            rows = queryset.values_list("url_path", "last_published_at")[:room]
            entries += [
                (public_url(request, _page_path(url_path)), _lastmod(changed))
                for url_path, changed in rows
            ]
        else:
            for row in queryset[:room]:
                item = kind.to_item(row)
                entries.append(
                    (
                        public_url(request, item.url),
                        _lastmod(item.updated_at or item.published_at),
                    )
                )
    entries += _other_portal_pages(request, portal, MAX_URLS - len(entries))
    entries += _past_events(request, portal, MAX_URLS - len(entries))
    for name, section_key, path in SITEMAP_ROUTES:
        if any(r.name == name for r in registry.routes_for(section_key)) and (
            section_key == "home" or portal.section_enabled(section_key)
        ):
            entries.append((portal_url(request, portal, path), ""))
    return _unique(entries)


# Public screens that sections serve through a route (not pages of the tree).
SITEMAP_ROUTES = (
    ("agenda_archives", "agenda", "agenda/archives/"),
    ("stats_privacy", "home", "confidentialite/"),
)


def _unique(entries):
    seen, kept = set(), []
    for loc, lastmod in entries:
        if loc not in seen:
            seen.add(loc)
            kept.append((loc, lastmod))
    return kept


def _open_to_everyone(pages) -> list:
    """Pages anyone may read: not those some pages keep for animators."""
    kept = []
    for page in pages:
        check = getattr(page, "open_to_everyone", None)
        if callable(check) and not check():
            continue
        kept.append(page)
    return kept


def _other_portal_pages(request, portal: Portal, room: int) -> list:
    """The portal's other public pages (radio shows, blog homes, section
    pages...): live, public, every ancestor live, in an open section."""
    from quartiers.portals.selectors import in_subtree

    home = portal.home_page
    if home is None or room <= 0:
        return []
    queryset = visibility.ancestors_live(
        Page.objects.live().public().filter(in_subtree(home.path))
    )
    for child in home.get_children().specific():
        key = getattr(child, "section_key", None)
        if key and not portal.section_enabled(key):
            queryset = queryset.exclude(in_subtree(child.path))
    pages = _open_to_everyone(queryset.order_by("path").specific()[:room])
    return [
        (
            public_url(request, _page_path(page.url_path)),
            _lastmod(page.last_published_at),
        )
        for page in pages
    ]


def _past_events(request, portal: Portal, room: int) -> list:
    """Events over now: their pages stay public (the agenda's archives)."""
    from django.utils import timezone

    from quartiers.agenda.models import Event

    section = registry.section("agenda")
    if room <= 0 or section is None or not portal.section_enabled("agenda"):
        return []
    rows = (
        Event.objects.filter(
            portal=portal, status=Event.PUBLISHED, finishes_at__lt=timezone.now()
        )
        .order_by("-finishes_at")
        .values_list("slug", "updated_at")[:room]
    )
    return [
        (portal_url(request, portal, f"{section.slug}/{slug}/"), _lastmod(changed))
        for slug, changed in rows
    ]


def _urlset(entries) -> str:
    rows = []
    for loc, lastmod in entries:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{escape(loc)}</loc>{modified}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(rows)
        + "</urlset>\n"
    )


def _cached(request, name: str, build) -> HttpResponse:
    seconds = getattr(settings, "QUARTIERS_SITEMAP_CACHE_SECONDS", CACHE_SECONDS)
    key = f"outreach:sitemap:{pagecache.content_version()}:{request.get_host()}:{name}"
    content = cache.get(key) if seconds else None
    if content is None:
        content = build()
        if seconds:
            cache.set(key, content, seconds)
    response = HttpResponse(content, content_type=XML)
    patch_cache_control(response, public=True, max_age=seconds)
    return response


def portal_sitemap(page, request):
    """/<p>/sitemap.xml."""
    portal = request.portal
    return _cached(
        request,
        f"portal:{portal.pk}:{request.portal_root}",
        lambda: _urlset(portal_entries(request, portal)),
    )


def hub_entries(request) -> list[tuple[str, str]]:
    """The hub and the network's own pages (not a portal's)."""
    portal_homes = Portal.objects.filter(home_page__isnull=False).values(
        "home_page__path"
    )
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gte=2)
        .annotate(home_path=Substr("path", 1, PORTAL_HOME_PATH_LENGTH))
        .exclude(home_path__in=portal_homes)
        .order_by("path")
        .specific()[:MAX_URLS]
    )
    # Animator-only pages (toolkit guides) are not for the public sitemap.
    return [
        (
            public_url(request, _page_path(page.url_path)),
            _lastmod(page.last_published_at),
        )
        for page in _open_to_everyone(pages)
    ]


@require_GET
def hub_sitemap(request):
    """/sitemap-reseau.xml."""
    return _cached(request, "hub", lambda: _urlset(hub_entries(request)))


@require_GET
def network_sitemap(request):
    """/sitemap.xml: the index of the hub's and the portals' sitemaps (or, on
    a portal's own domain, that portal's sitemap)."""
    portal = own_domain_portal(request)
    if portal is not None:
        request.portal, request.portal_root = portal, "/"
        return portal_sitemap(None, request)

    def build() -> str:
        locs = [request.build_absolute_uri("/sitemap-reseau.xml")]
        locs += [
            request.build_absolute_uri(f"/{slug}/sitemap.xml")
            for slug in Portal.objects.filter(home_page__live=True)
            .order_by("slug")
            .values_list("slug", flat=True)
        ]
        rows = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locs)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{rows}</sitemapindex>\n"
        )

    return _cached(request, "index", build)


ROBOTS_DISALLOW = (
    "/admin/",
    "/compte/",
    "/reactions/",
    "/oembed/",
    "/widgets/*/",
    "/*/widgets/*/",
)


@require_GET
def robots_txt(request):
    """/robots.txt: everything public may be read, not the private screens
    nor the embeddable copies of pages; the sitemap says where to start."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    response = HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
