"""Reads for the animators' inbox: everything that waits for a decision.

One list per kind (comments, reports, proposed articles, blog posts, ads,
events, suggested local actors, testimonies, other pages in review), each
scoped to the portals the person animates (every portal for the network
coordinator). Counting costs one query per kind whatever the numbers; a page
of a list costs a fixed number of queries too.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from quartiers.agenda.models import Event
from quartiers.blogs.models import BlogPage, BlogPostPage
from quartiers.classifieds.models import Ad, AdPhoto
from quartiers.directory.models import LocalActor
from quartiers.newsroom.models import ArticlePage, Submission
from quartiers.portals import access
from quartiers.portals.models import Portal
from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH
from quartiers.radio.models import EpisodePage

from . import selectors
from .models import Report, Withdrawal

PER_PAGE = 20
# On the overview, each kind shows its oldest items, then a link to the rest.
OVERVIEW_PER_KIND = 5
AD_PHOTO_SPEC = "max-320x240"


@dataclass(frozen=True)
class InboxKind:
    key: str  # in the address: /admin/moderation/<key>/...
    label: str
    template: str  # the partial that shows one page of this kind
    # Page models whose review goes through Wagtail's workflow (None: not pages).
    page_models: tuple = ()


COMMENTS = "commentaires"
REPORTS = "signalements"
ARTICLES = "articles"
BLOG_POSTS = "billets"
ADS = "annonces"
EVENTS = "evenements"
ACTORS = "acteurs"
TESTIMONIES = "temoignages"
OTHER_PAGES = "pages"

KINDS: tuple[InboxKind, ...] = (
    InboxKind(COMMENTS, _("Commentaires"), "moderation/admin/inbox/comments.html"),
    InboxKind(REPORTS, _("Signalements"), "moderation/admin/inbox/reports.html"),
    InboxKind(
        ARTICLES,
        _("Propositions d'articles"),
        "moderation/admin/inbox/pages.html",
        (ArticlePage,),
    ),
    InboxKind(
        BLOG_POSTS,
        _("Billets de blog"),
        "moderation/admin/inbox/pages.html",
        (BlogPostPage, BlogPage),
    ),
    InboxKind(ADS, _("Petites annonces"), "moderation/admin/inbox/ads.html"),
    InboxKind(EVENTS, _("Événements"), "moderation/admin/inbox/events.html"),
    InboxKind(
        ACTORS, _("Acteurs locaux suggérés"), "moderation/admin/inbox/actors.html"
    ),
    InboxKind(
        TESTIMONIES,
        _("Témoignages sonores"),
        "moderation/admin/inbox/pages.html",
        (EpisodePage,),
    ),
    InboxKind(
        OTHER_PAGES,
        _("Autres pages à relire"),
        "moderation/admin/inbox/pages.html",
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
PAGE_KINDS = (ARTICLES, BLOG_POSTS, TESTIMONIES, OTHER_PAGES)


def kind_of(key) -> InboxKind | None:
    return KINDS_BY_KEY.get(key) if isinstance(key, str) else None


@dataclass
class Scope:
    """The portals a person animates, read once per request."""

    portals: list[Portal]
    everything: bool

    @property
    def show_portal(self) -> bool:
        return len(self.portals) > 1

    def portal_of_page(self, page: Page) -> Portal | None:
        by_path = {p.home_page.path: p for p in self.portals if p.home_page_id}
        return by_path.get(page.path[:PORTAL_HOME_PATH_LENGTH])


def scope_for(user) -> Scope:
    portals = list(access.animated_portals(user).select_related("home_page"))
    return Scope(portals=portals, everything=access.is_coordinator(user))


# -- one queryset per kind ---------------------------------------------------


def _comments(scope: Scope) -> QuerySet:
    return selectors.pending_comments(scope.portals)


def _reported_keys(scope: Scope) -> QuerySet:
    """One row per reported item (every open report on it decided together)."""
    return (
        Report.objects.filter(portal__in=scope.portals, status=Report.OPEN)
        .values("content_type_id", "object_id")
        .annotate(first=Min("created_at"), handle=Min("pk"))
        .order_by("first", "handle")
    )


def _ads(scope: Scope) -> QuerySet[Ad]:
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec=AD_PHOTO_SPEC)
    )
    return (
        Ad.objects.filter(portal__in=scope.portals, status=Ad.PENDING)
        .select_related("portal", "author")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=AdPhoto.objects.select_related("image").prefetch_related(
                    Prefetch("image__renditions", queryset=renditions)
                ),
            )
        )
        .order_by("created_at", "pk")
    )


def _events(scope: Scope) -> QuerySet[Event]:
    return (
        Event.objects.filter(portal__in=scope.portals, status=Event.PENDING)
        .select_related("portal", "created_by", "organiser_actor", "category")
        .order_by("created_at", "pk")
    )


def _actors(scope: Scope) -> QuerySet[LocalActor]:
    return (
        LocalActor.objects.filter(portal__in=scope.portals, status=LocalActor.SUGGESTED)
        .select_related("portal", "suggested_by")
        .order_by("created_at", "pk")
    )


def _page_content_types(kind: InboxKind) -> list[int]:
    models = kind.page_models
    if kind.key == OTHER_PAGES:
        models = tuple(
            model for other in KINDS for model in other.page_models if other != kind
        )
    return [ContentType.objects.get_for_model(model).pk for model in models]


def _workflow_states(scope: Scope, kind: InboxKind) -> QuerySet[WorkflowState]:
    # pylint: disable=protected-access
    states = selectors._workflow_states(scope.portals, everything=scope.everything)
    content_types = _page_content_types(kind)
    if kind.key == OTHER_PAGES:
        states = states.exclude(content_type_id__in=content_types)
    else:
        states = states.filter(content_type_id__in=content_types)
    return states.select_related("requested_by", "current_task_state__task").order_by(
        "created_at", "pk"
    )


def _queryset(scope: Scope, kind: InboxKind):
    if kind.key in PAGE_KINDS:
        return _workflow_states(scope, kind)
    return {
        COMMENTS: _comments,
        REPORTS: _reported_keys,
        ADS: _ads,
        EVENTS: _events,
        ACTORS: _actors,
    }[kind.key](scope)


# -- counts -----------------------------------------------------------------


def inbox_counts(*, user) -> dict[str, int]:
    """How many items of each kind wait for this person (one query a kind)."""
    scope = scope_for(user)
    counts = {}
    for kind in KINDS:
        if kind.key in PAGE_KINDS:
            continue
        counts[kind.key] = _queryset(scope, kind).count()
    # Pages in review: one query, split by their content type.
    rows = (
        selectors._workflow_states(scope.portals, everything=scope.everything)
        .order_by()
        .values("content_type_id")
        .annotate(n=Count("pk"))
    )
    by_type = {row["content_type_id"]: row["n"] for row in rows}
    named: set[int] = set()
    for key in PAGE_KINDS:
        kind = KINDS_BY_KEY[key]
        if key == OTHER_PAGES:
            continue
        types = _page_content_types(kind)
        named.update(types)
        counts[key] = sum(by_type.get(pk, 0) for pk in types)
    counts[OTHER_PAGES] = sum(n for pk, n in by_type.items() if pk not in named)
    return counts


def inbox_total(*, user) -> int:
    return sum(inbox_counts(user=user).values())


# -- pages of items ------------------------------------------------------------


@dataclass
class PageInReview:
    state: WorkflowState
    page: Page
    portal: Portal | None
    submission: Submission | None = None

    @property
    def author(self):
        if self.submission is not None and self.submission.author is not None:
            return self.submission.author
        return self.state.requested_by


def _reported_items(scope: Scope, keys: list[dict]) -> list[selectors.ReportedItem]:
    if not keys:
        return []
    wanted = {(row["content_type_id"], row["object_id"]) for row in keys}
    object_ids = {row["object_id"] for row in keys}
    reports = (
        Report.objects.filter(
            portal__in=scope.portals, status=Report.OPEN, object_id__in=object_ids
        )
        .select_related("portal", "content_type", "reporter")
        .order_by("created_at", "pk")
    )
    page_ct = ContentType.objects.get_for_model(Page)
    ad_ct = ContentType.objects.get_for_model(Ad)
    items: dict[tuple[int, int], selectors.ReportedItem] = {}
    for report in reports:
        key = (report.content_type_id, report.object_id)
        if key not in wanted:
            continue
        if key not in items:
            kind = {page_ct.pk: selectors.KIND_PAGE, ad_ct.pk: selectors.KIND_AD}.get(
                report.content_type_id, selectors.KIND_COMMENT
            )
            items[key] = selectors.ReportedItem(
                kind=kind, portal=report.portal, target=None
            )
        items[key].reports.append(report)
    ids = {
        selectors.KIND_PAGE: [o for (ct, o) in items if ct == page_ct.pk],
        selectors.KIND_AD: [o for (ct, o) in items if ct == ad_ct.pk],
        selectors.KIND_COMMENT: [
            o for (ct, o) in items if ct not in (page_ct.pk, ad_ct.pk)
        ],
    }
    targets = {
        page_ct.pk: Page.objects.in_bulk(ids[selectors.KIND_PAGE])
        if ids[selectors.KIND_PAGE]
        else {},
        ad_ct.pk: Ad.objects.in_bulk(ids[selectors.KIND_AD])
        if ids[selectors.KIND_AD]
        else {},
    }
    comments = (
        selectors.comments_by_id(ids[selectors.KIND_COMMENT])
        if ids[selectors.KIND_COMMENT]
        else {}
    )
    withdrawn = {
        (ct, oid): message
        for ct, oid, message in Withdrawal.objects.filter(
            lifted_at__isnull=True, portal__in=scope.portals, object_id__in=object_ids
        ).values_list("content_type_id", "object_id", "review_message")
    }
    for (ct, oid), item in items.items():
        item.target = targets.get(ct, comments).get(oid)
        item.withdrawn = (ct, oid) in withdrawn
        item.review_message = withdrawn.get((ct, oid)) or ""
    return [
        items[(row["content_type_id"], row["object_id"])]
        for row in keys
        if (row["content_type_id"], row["object_id"]) in items
    ]


def _pages_in_review(scope: Scope, states: list[WorkflowState]) -> list[PageInReview]:
    page_ids = [int(state.object_id) for state in states]
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).specific(defer=True)
    }
    submissions = {
        s.page_id: s
        for s in Submission.objects.filter(page_id__in=page_ids).select_related(
            "author"
        )
    }
    found = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is not None:
            found.append(
                PageInReview(
                    state=state,
                    page=page,
                    portal=scope.portal_of_page(page),
                    submission=submissions.get(page.pk),
                )
            )
    return found


def _fill(scope: Scope, kind: InboxKind, rows: list) -> list:
    if kind.key == REPORTS:
        return _reported_items(scope, rows)
    if kind.key in PAGE_KINDS:
        return _pages_in_review(scope, rows)
    return rows


def inbox_page(
    *, scope: Scope, kind: InboxKind, page_number, per_page: int = PER_PAGE
) -> PaginatorPage:
    """One page of the items of a kind, oldest first (they waited longest)."""
    paginator = Paginator(_queryset(scope, kind), per_page)
    page = paginator.get_page(page_number)
    page.object_list = _fill(scope, kind, list(page.object_list))
    return page


def inbox_overview(*, scope: Scope, counts: dict[str, int]) -> list[dict]:
    """The first items of every kind that has some, for the inbox's front."""
    sections = []
    for kind in KINDS:
        if not counts.get(kind.key):
            continue
        rows = list(_queryset(scope, kind)[:OVERVIEW_PER_KIND])
        sections.append(
            {"kind": kind, "items": _fill(scope, kind, rows), "count": counts[kind.key]}
        )
    return sections
