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


class FeatureRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}
        self._personal_data: dict[str, PersonalData] = {}
        self._routes: dict[str, SectionRoute] = {}
        self._home_blocks: dict[str, HomeBlock] = {}
        self._participation: dict[str, ParticipationLink] = {}
        self._portal_setup: dict[str, Callable[[Any], None]] = {}
        self._demo_seeders: dict[str, tuple[int, Callable[[Any], None]]] = {}

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

    def register_personal_data(self, item: PersonalData) -> None:
        self._personal_data[item.name] = item

    def personal_data(self) -> list[PersonalData]:
        return [self._personal_data[name] for name in sorted(self._personal_data)]


registry = FeatureRegistry()
