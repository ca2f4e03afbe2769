"""Reads of the search: scoped to a portal (or the whole network), bounded,
and in a number of queries that does not grow with the number of matches.

1. one full-text query gives the most recent candidates of every kind, at
   most ``QUARTIERS_SEARCH_MAX_CANDIDATES`` in all (:mod:`.engine`);
2. each kind's own ``published(portal)`` keeps the public ones (drafts,
   expired ads, hidden content and switched-off sections fall out here,
   whatever the index holds), one query per kind;
3. the page shown is loaded through the kinds' ``published`` and
   ``to_item``, one query (plus the kind's prefetches) per kind on the page.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.search.index import class_is_indexed

from quartiers.portals import visibility
from quartiers.portals.features import ContentKind, ExposedItem, registry

from . import engine, vocabulary
from .highlight import excerpt, highlight, plain_text
from .query import ParsedQuery, parse

PAGE_SIZE = 10
RELEVANCE = "pertinence"
RECENT = "date"
SORTS = (RELEVANCE, RECENT)
DEFAULT_MAX_CANDIDATES = 500
# Each kind gets its share of the candidates, never fewer than this.
MIN_PER_KIND = 50
# A suggestion is only offered if it finds something: a small check.
SUGGESTION_CHECK = 20
SUGGESTION_WORDS = 3


@dataclass(frozen=True)
class Entry:
    kind: ContentKind
    pk: int
    score: float
    when: float  # timestamp of the kind's date field, -inf when unknown


@dataclass(frozen=True)
class Result:
    kind: ContentKind
    item: ExposedItem
    title_html: SafeString
    excerpt_html: SafeString
    # An event is dated by its next session, anything else by publication.
    event_date: datetime | None = None


@dataclass(frozen=True)
class Facet:
    kind: ContentKind
    count: int
    partial: bool = False  # the engine stopped at its limit: "at least"


@dataclass
class Outcome:
    query: ParsedQuery
    kinds: list[ContentKind]
    kind: ContentKind | None = None
    sort: str = RELEVANCE
    facets: list[Facet] = field(default_factory=list)
    total: int = 0  # results in the chosen kind (or in all)
    grand_total: int = 0  # results in all kinds
    grand_capped: bool = False  # some kind had more matches than were ranked
    capped: bool = False  # more matches than were ranked (in the chosen kind)
    page: PaginatorPage | None = None
    suggestion: str = ""


def max_candidates() -> int:
    return int(
        getattr(settings, "QUARTIERS_SEARCH_MAX_CANDIDATES", DEFAULT_MAX_CANDIDATES)
    )


def searchable_kinds(portal) -> list[ContentKind]:
    """Kinds searchable here: installed, indexed, and (in a portal) whose
    section is switched on."""
    kinds = []
    for kind in registry.content_kinds():
        if portal is not None and not portal.section_enabled(kind.section_key):
            continue
        try:
            model = apps.get_model(kind.model)
        except (LookupError, ValueError):
            continue
        if class_is_indexed(model):
            kinds.append(kind)
    return kinds


def _content_types(kinds: list[ContentKind]) -> dict[int, ContentKind]:
    models = {apps.get_model(kind.model): kind for kind in kinds}
    # Cached by Django after the first call: no query on a warm process.
    content_types = ContentType.objects.get_for_models(
        *models, for_concrete_models=False
    )
    return {content_types[model].pk: kind for model, kind in models.items()}


def _timestamp(value) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.min)).timestamp()
    return -math.inf


def _public_entries(
    query: ParsedQuery,
    kinds: list[ContentKind],
    portal,
    limit: int,
    *,
    with_dates: bool = True,
) -> tuple[list[Entry], set[str]]:
    """The public matches among each kind's ``limit`` candidates (in the
    engine's order: most recently indexed first), and the keys of the kinds
    whose candidates stopped at the limit.
    Without ``with_dates`` entries are not dated (ranking by relevance needs
    no date: ties keep the engine's order)."""
    by_content_type = _content_types(kinds)
    hits, capped = engine.candidates(
        query,
        content_type_ids=sorted(by_content_type),
        portal_id=portal.pk if portal is not None else None,
        limit=limit,
    )
    grouped = defaultdict(list)
    for hit in hits:
        grouped[hit.content_type_id].append(hit)
    entries = []
    for content_type_id, kind_hits in grouped.items():
        kind = by_content_type[content_type_id]
        visible = (
            visibility.visible(portal, kind)
            .filter(pk__in=[hit.object_id for hit in kind_hits])
            .prefetch_related(None)
            .order_by()
        )
        if with_dates:
            dates = dict(visible.values_list("pk", kind.date_field))
        else:
            dates = dict.fromkeys(visible.values_list("pk", flat=True))
        entries += [
            Entry(kind, hit.object_id, hit.score, _timestamp(dates[hit.object_id]))
            for hit in kind_hits
            if hit.object_id in dates
        ]
    return entries, {by_content_type[ct].key for ct in capped}


def _sorted(entries: list[Entry], sort: str) -> list[Entry]:
    # sorted() is stable: equal keys keep the engine's order (newest first).
    if sort == RECENT:
        return sorted(entries, key=lambda e: (-e.when, -e.score))
    return sorted(entries, key=lambda e: -e.score)


def _results(entries: list[Entry], portal, query: ParsedQuery) -> list[Result]:
    """Load the entries of one page through their kinds, in order."""
    ids_by_kind = defaultdict(list)
    kinds = {}
    for entry in entries:
        ids_by_kind[entry.kind.key].append(entry.pk)
        kinds[entry.kind.key] = entry.kind
    loaded = {}
    for key, ids in ids_by_kind.items():
        for obj in visibility.visible(portal, kinds[key]).filter(pk__in=ids):
            loaded[(key, obj.pk)] = obj
    results = []
    for entry in entries:
        obj = loaded.get((entry.kind.key, entry.pk))
        if obj is None:
            continue  # gone between two queries
        item = entry.kind.to_item(obj)
        results.append(
            Result(
                kind=entry.kind,
                item=item,
                title_html=highlight(item.title, query),
                excerpt_html=excerpt([plain_text(item.body_html), item.summary], query),
                event_date=_event_date(item),
            )
        )
    return results


def _event_date(item: ExposedItem) -> datetime | None:
    start = item.extra.get("start") if isinstance(item.extra, dict) else None
    if not isinstance(start, str):
        return None
    try:
        return datetime.fromisoformat(start)
    except ValueError:
        return None


def _suggestion(query: ParsedQuery, kinds: list[ContentKind], portal) -> str:
    """The query with its unknown words replaced by the closest known ones,
    if that finds something here; "" otherwise."""
    plain = [
        word
        for word, term in zip(query.words, query.terms, strict=True)
        if not term.prefix and word.isalpha()
    ]
    if not plain:
        return ""
    known = vocabulary.known(plain)
    unknown = [word for word in plain if word not in known][:SUGGESTION_WORDS]
    replacements = {}
    for word in unknown:
        closest = vocabulary.closest(word)
        if closest is not None:
            replacements[word] = closest.spelling
    if not replacements:
        return ""
    text = " ".join(
        replacements.get(word, written)
        for word, written in zip(query.words, query.written, strict=True)
    )
    entries, _capped = _public_entries(
        parse(text), kinds, portal, SUGGESTION_CHECK, with_dates=False
    )
    return text if entries else ""


def rank(
    *, portal, query: ParsedQuery, kind_key: str = "", sort: str = RELEVANCE
) -> tuple[Outcome, list[Entry]]:
    """Find, check and order the matches, without loading them: the outcome
    (counts, facets, suggestion) and the chosen kind's entries in order."""
    query = vocabulary.expand(query)
    kinds = searchable_kinds(portal)
    kind = next((k for k in kinds if k.key == kind_key), None)
    sort = sort if sort in SORTS else RELEVANCE
    outcome = Outcome(query=query, kinds=kinds, kind=kind, sort=sort)
    if not query or not kinds:
        return outcome, []
    limit = max_candidates()
    dated = sort == RECENT
    everything, capped = _public_entries(
        query, kinds, portal, max(MIN_PER_KIND, limit // len(kinds)), with_dates=dated
    )
    counts: defaultdict[str, int] = defaultdict(int)
    for entry in everything:
        counts[entry.kind.key] += 1
    # A kind whose candidates stopped at the limit may have more matches
    # than it shows (even none of its first ones public): it stays on offer.
    outcome.facets = [
        Facet(k, counts[k.key], k.key in capped)
        for k in kinds
        if counts[k.key] or k.key in capped
    ]
    outcome.grand_total = len(everything)
    outcome.grand_capped = bool(capped)
    if kind is None:
        chosen = everything
        outcome.capped = bool(capped)
    elif kind.key not in capped:
        chosen = [entry for entry in everything if entry.kind.key == kind.key]
    else:
        # This kind had only its share: ask again for it alone, with the
        # whole limit.
        chosen, capped = _public_entries(query, [kind], portal, limit, with_dates=dated)
        outcome.capped = bool(capped)
    outcome.total = len(chosen)
    if not everything:
        outcome.suggestion = _suggestion(query, kinds, portal)
    return outcome, _sorted(chosen, sort)


def search(
    *, portal, raw_query, kind_key="", sort=RELEVANCE, page_number=None
) -> Outcome:
    """Search one portal (``portal``) or the whole network (``None``): the
    outcome, with the requested page of results loaded and highlighted."""
    query = parse(raw_query)
    outcome, entries = rank(portal=portal, query=query, kind_key=kind_key, sort=sort)
    if entries:
        # Paginated as entries, shown as results (only this page's are built).
        page: PaginatorPage = Paginator(entries, PAGE_SIZE).get_page(page_number)
        page.object_list = _results(list(page.object_list), portal, query)
        outcome.page = page
    return outcome
