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
    """

    section_key: str
    pattern: str  # django.urls.path syntax, relative to the section page
    view: Callable[..., Any]
    name: str


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

    def register_personal_data(self, item: PersonalData) -> None:
        self._personal_data[item.name] = item

    def personal_data(self) -> list[PersonalData]:
        return [self._personal_data[name] for name in sorted(self._personal_data)]


registry = FeatureRegistry()
