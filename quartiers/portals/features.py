"""The feature registry: each app declares what it brings to a portal.

Apps register in their ``AppConfig.ready()``; nothing else hard-codes the list
of sections, so a portal can switch a section off and a new app plugs in by
declaring itself. Dependencies point inwards: apps import this module, this
module imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    """One section of a portal (journal, annonces, ...), served by one page type."""

    key: str
    slug: str
    title: str | Promise
    page_model: str  # "app_label.ModelName"
    summary: str | Promise
    empty_message: str | Promise
    order: int = 100
    icon: str = "folder"


@dataclass(frozen=True)
class SectionRoute:
    """A sub-page of a section served by another app (e.g. participer/proposer/).

    ``view(page, request, *args, **kwargs)`` gets the section page it hangs
    from; routes work under /<slug>/ and on a portal's own domain alike.
    ``section_key="home"`` hangs the route from the portal home itself
    (e.g. /<slug>/agenda.ics). Wagtail adds a final "/" before resolving a
    sub-page, so a file-like route is declared as "agenda.ics/".
    """

    section_key: str
    pattern: str  # django.urls.path syntax, relative to the section page
    view: Callable[..., Any]
    name: str


@dataclass(frozen=True)
class HomeBlock:
    """A block of the portal home (latest articles, next events...)."""

    key: str
    template: str
    # context(portal, request) -> dict, or None to hide the block
    context: Callable[[Any, Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class ParticipationLink:
    """One thing a resident can do from /participer/ (a route of that page)."""

    key: str
    title: str | Any
    description: str | Any
    route_name: str
    order: int = 100
    # The section whose page serves the route (default: participer itself).
    section_key: str = "participer"


@dataclass(frozen=True)
class PersonalData:
    """How an app exports and erases what it holds about one person."""

    name: str
    export: Callable[[Any], dict]
    # erase(user, keep_contributions) runs before the account is deleted.
    erase: Callable[[Any, bool], None]
    files: Callable[[Any], list] = field(default=lambda user: [])


@dataclass(frozen=True)
class ExposedItem:
    """One public piece of content, as feeds, the API, search results and
    widgets show it. Built by a ContentKind's ``to_item``."""

    kind: str  # the ContentKind key
    id: int
    portal: Any  # portals.Portal (select_related by the kind's queryset)
    title: str
    url: str  # absolute path on this install, e.g. /hauts-pres/journal/mon-article/
    summary: str = ""  # plain text, one or two sentences
    body_html: str = ""  # full cleaned HTML when the kind has a body (articles, posts)
    image: Any = None  # uploads.PortalImage or None (consent already checked)
    published_at: Any = None  # aware datetime
    updated_at: Any = None  # aware datetime
    author: str = ""  # display name, never an email
    category: str = ""  # section (rubrique), ad kind, event category, actor kind...
    tags: tuple[str, ...] = ()
    # Kind-specific public fields, JSON-serialisable: events "start"/"end"/
    # "place"; ads "ad_kind"/"price"; episodes and videos "duration",
    # "media_url", "media_type", "media_length"...
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ContentKind:
    """What one content type exposes to feeds, the API, search and widgets.

    Each app declares its kinds in ``AppConfig.ready()``; outreach (feeds,
    oEmbed, widgets), api and search only ever go through this registry, so a
    new content type plugs into all of them at once.
    """

    key: str  # "article", "blogpost", "ad", "event", "actor", "practical", "episode", "video"
    label: Any  # "Article" (gettext_lazy)
    label_plural: Any
    model: str  # "app_label.ModelName"; the model is Wagtail-searchable (search_fields)
    section_key: (
        str  # the portal section it belongs to; a section switched off hides it
    )
    # published(portal) -> QuerySet of public items of that portal (portal=None:
    # every portal whose section is switched on), newest first, already
    # select_related/prefetched for to_item (constant queries per page of items).
    # It says what the kind adds to the one visibility rule (consent,
    # moderation, expiry, a ready sound...); surfaces never call it directly
    # but portals.visibility.visible(portal, kind), which adds the rest
    # (every page above the item live, portal online, section switched on).
    published: Callable[[Any], Any]
    to_item: Callable[[Any], ExposedItem]
    # The model field that dates an item (filters by date, "newest first").
    date_field: str = "first_published_at"
    order: int = 100
    # A template for the widget card of one item (gets ``item``); "" = generic card.
    widget_template: str = ""
    # ORM lookups the API and widgets filter with ("" = filter not offered):
    # category_lookup e.g. "rubrique__slug", tag_lookup e.g. "tags__slug".
    category_lookup: str = ""
    tag_lookup: str = ""


class FeatureRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}
        self._personal_data: dict[str, PersonalData] = {}
        self._routes: dict[str, SectionRoute] = {}
        self._home_blocks: dict[str, HomeBlock] = {}
        self._participation: dict[str, ParticipationLink] = {}
        self._portal_setup: dict[str, Callable[[Any], None]] = {}
        self._demo_seeders: dict[str, tuple[int, Callable[[Any], None]]] = {}
        self._content_kinds: dict[str, ContentKind] = {}

    def register_section(self, section: Section) -> None:
        if section.key in self._sections and self._sections[section.key] != section:
            raise ValueError(f"Section {section.key!r} is registered twice.")
        self._sections[section.key] = section

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda s: (s.order, s.key))

    def section(self, key: str) -> Section | None:
        return self._sections.get(key)

    def section_keys(self) -> list[str]:
        return [s.key for s in self.sections()]

    def register_route(self, route: SectionRoute) -> None:
        self._routes[route.name] = route

    def routes_for(self, section_key: str) -> list[SectionRoute]:
        return [r for r in self._routes.values() if r.section_key == section_key]

    def register_home_block(self, block: HomeBlock) -> None:
        self._home_blocks[block.key] = block

    def home_blocks(self) -> list[HomeBlock]:
        return sorted(self._home_blocks.values(), key=lambda b: (b.order, b.key))

    def register_participation_link(self, link: ParticipationLink) -> None:
        self._participation[link.key] = link

    def participation_links(self) -> list[ParticipationLink]:
        return sorted(
            self._participation.values(), key=lambda item: (item.order, item.key)
        )

    def register_portal_setup(self, name: str, setup: Callable[[Any], None]) -> None:
        """setup(portal) runs inside portal creation (default rubriques...)."""
        self._portal_setup[name] = setup

    def portal_setups(self) -> list[Callable[[Any], None]]:
        return [self._portal_setup[name] for name in sorted(self._portal_setup)]

    def register_demo_seeder(
        self, name: str, seed: Callable[[Any], None], order: int = 100
    ) -> None:
        """seed(portal) fills a demo portal with content (dev and test only)."""
        self._demo_seeders[name] = (order, seed)

    def demo_seeders(self) -> list[Callable[[Any], None]]:
        return [
            seed
            for _order, seed in sorted(
                self._demo_seeders.values(), key=lambda item: item[0]
            )
        ]

    def register_content_kind(self, kind: ContentKind) -> None:
        self._content_kinds[kind.key] = kind

    def content_kinds(self) -> list[ContentKind]:
        return sorted(self._content_kinds.values(), key=lambda k: (k.order, k.key))

    def content_kind(self, key: str) -> ContentKind | None:
        return self._content_kinds.get(key)

    def register_personal_data(self, item: PersonalData) -> None:
        self._personal_data[item.name] = item

    def personal_data(self) -> list[PersonalData]:
        return [self._personal_data[name] for name in sorted(self._personal_data)]


registry = FeatureRegistry()
