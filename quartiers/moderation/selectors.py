"""Reads for moderation: reportable items and the animators' queue.

Everything is scoped to the portals a person animates; the queue costs the
same number of queries whatever its length.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.models import Page, WorkflowState

from quartiers.classifieds import selectors as classifieds_selectors
from quartiers.classifieds.models import Ad
from quartiers.comments.models import Comment
from quartiers.portals import access
from quartiers.portals.models import Portal
from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH, portal_for_page

from .models import Report, Withdrawal

KIND_PAGE = "page"
KIND_COMMENT = "commentaire"
KIND_AD = "annonce"
KINDS = (KIND_PAGE, KIND_COMMENT, KIND_AD)
QUEUE_LIMIT = 100
# Portal home (depth 3) and its sections (depth 4) are never taken offline by
# readers' reports; what lives below them (articles, posts...) may be.
FIRST_REPORTABLE_DEPTH = 5


@dataclass
class Target:
    """A page, a comment or an ad that can be reported, with its portal."""

    kind: str
    # A page (KIND_PAGE), a comment (KIND_COMMENT) or an ad (KIND_AD).
    obj: Page | Comment | Ad
    portal: Portal

    @property
    def title(self) -> str:
        if isinstance(self.obj, Comment):
            return str(self.obj)
        return self.obj.title

    @property
    def page(self) -> Page | None:
        if isinstance(self.obj, Ad):
            return None
        return self.obj.page if isinstance(self.obj, Comment) else self.obj

    @property
    def subject_title(self) -> str:
        """What the item is about: the page's title (or the ad's, for an ad)."""
        if isinstance(self.obj, Ad):
            return self.obj.title
        page = self.page
        return page.title if page is not None else self.title

    def public_url(self, request=None) -> str:
        if isinstance(self.obj, Ad):
            home = self.portal.home_page
            root = (
                home.get_url(request=request) if home is not None else None
            ) or self.portal.get_absolute_url()
            return f"{root}annonces/{self.obj.pk}/"
        page = self.page
        return (page.get_url(request=request) if page is not None else None) or "/"

    @property
    def author(self):
        if isinstance(self.obj, (Comment, Ad)):
            return self.obj.author
        return self.obj.owner


def page_accepts_reports(page: Page) -> bool:
    flag = getattr(page.specific_class or type(page), "accepts_reports", None)
    if flag is None:
        return page.depth >= FIRST_REPORTABLE_DEPTH
    return bool(getattr(page.specific, "accepts_reports", False))


def _to_id(value) -> int | None:
    try:
        number = int(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return number if 0 < number < 2**63 else None


def reportable_target(kind: str, object_id) -> Target | None:
    """A live page, a published comment or ad that readers may report, or None."""
    pk = _to_id(object_id)
    if pk is None or kind not in KINDS:
        return None
    if kind == KIND_AD:
        ad = (
            Ad.objects.filter(pk=pk, status=Ad.PUBLISHED)
            .select_related("portal__home_page", "author")
            .first()
        )
        if (
            ad is None
            or not classifieds_selectors.public_ads(ad.portal).filter(pk=ad.pk).exists()
        ):
            return None
        return Target(KIND_AD, ad, ad.portal)
    if kind == KIND_PAGE:
        page = Page.objects.live().filter(pk=pk).select_related("owner").first()
        if page is None or not page_accepts_reports(page):
            return None
        portal = portal_for_page(page)
        return Target(KIND_PAGE, page, portal) if portal is not None else None
    comment = (
        Comment.objects.filter(pk=pk, status=Comment.PUBLISHED, page__live=True)
        .select_related("portal", "page", "author")
        .first()
    )
    return Target(KIND_COMMENT, comment, comment.portal) if comment else None


def target_of_report(report: Report) -> Target | None:
    """The item a report is about, whatever its state now (None if deleted)."""
    model = report.content_type.model_class()
    if model is Ad:
        ad = (
            Ad.objects.filter(pk=report.object_id, portal=report.portal)
            .select_related("portal", "author")
            .first()
        )
        return Target(KIND_AD, ad, report.portal) if ad else None
    if model is not None and issubclass(model, Comment):
        comment = (
            Comment.objects.filter(pk=report.object_id, portal=report.portal)
            .select_related("page", "author", "portal")
            .first()
        )
        return Target(KIND_COMMENT, comment, report.portal) if comment else None
    page = Page.objects.filter(pk=report.object_id).select_related("owner").first()
    return Target(KIND_PAGE, page, report.portal) if page else None


def distinct_open_reporters(target: Target) -> int:
    return (
        Report.objects.filter(
            content_type=content_type_of(target),
            object_id=target.obj.pk,
            status=Report.OPEN,
        )
        .values("reporter_email")
        .distinct()
        .count()
    )


def open_reports_weight(target: Target) -> float:
    """The summed trust of the open reports on an item (anonymous ones: 0)."""
    total = Report.objects.filter(
        content_type=content_type_of(target),
        object_id=target.obj.pk,
        status=Report.OPEN,
    ).aggregate(total=Sum("weight"))["total"]
    return float(total or 0)


def content_type_of(target: Target) -> ContentType:
    model = {KIND_PAGE: Page, KIND_COMMENT: Comment, KIND_AD: Ad}[target.kind]
    return ContentType.objects.get_for_model(model)


def active_withdrawal(target: Target) -> Withdrawal | None:
    return Withdrawal.objects.filter(
        content_type=content_type_of(target),
        object_id=target.obj.pk,
        lifted_at__isnull=True,
    ).first()


def target_of_withdrawal(withdrawal: Withdrawal) -> Target | None:
    """The item a withdrawal hides, whatever its state now (None if deleted)."""
    report = Report(
        portal=withdrawal.portal,
        content_type=withdrawal.content_type,
        object_id=withdrawal.object_id,
    )
    return target_of_report(report)


# --- Access: missing and "not yours" are the same 404 ----------------------


def access_withdrawal_for_author(user, kind: str, object_id) -> Withdrawal:
    """The active withdrawal of an item this person wrote, else 404."""
    pk = _to_id(object_id)
    if pk is None or kind not in KINDS or not getattr(user, "is_authenticated", False):
        raise Http404
    model = {KIND_PAGE: Page, KIND_COMMENT: Comment, KIND_AD: Ad}[kind]
    withdrawal = (
        Withdrawal.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=pk,
            lifted_at__isnull=True,
        )
        .select_related("portal__home_page", "content_type")
        .first()
    )
    if withdrawal is None:
        raise Http404
    target = target_of_withdrawal(withdrawal)
    author = target.author if target is not None else None
    if author is None or author.pk != user.pk:
        raise Http404
    return withdrawal


def access_comment_for_moderation(user, comment_id) -> Comment:
    pk = _to_id(comment_id)
    comment = (
        Comment.objects.filter(pk=pk, portal__in=access.animated_portals(user))
        .select_related("portal", "page", "author")
        .first()
        if pk is not None
        else None
    )
    if comment is None:
        raise Http404
    return comment


def access_report_for_moderation(user, report_id) -> Report:
    pk = _to_id(report_id)
    report = (
        Report.objects.filter(pk=pk, portal__in=access.animated_portals(user))
        .select_related("portal", "content_type")
        .first()
        if pk is not None
        else None
    )
    if report is None:
        raise Http404
    return report


# --- The queue -------------------------------------------------------------


@dataclass
class ReportedItem:
    """Every open report on one item, decided together."""

    kind: str
    portal: Portal
    target: object | None
    reports: list[Report] = field(default_factory=list)
    withdrawn: bool = False
    review_message: str = ""

    @property
    def weight(self) -> float:
        """The trust of the reports: anonymous ones count for nothing."""
        return sum(r.weight for r in self.reports)

    @property
    def handle(self) -> Report:
        return self.reports[0]

    @property
    def first_reported_at(self):
        return min(r.created_at for r in self.reports)


@dataclass
class Submission:
    state: WorkflowState
    page: Page
    portal: Portal | None


def _portals_of(user) -> list[Portal]:
    return list(access.animated_portals(user).select_related("home_page"))


def _pages_under(portals: list[Portal], *, everything: bool) -> QuerySet[Page]:
    if everything:
        return Page.objects.filter(depth__gt=PORTAL_HOME_PATH_LENGTH // 4)
    paths = [p.home_page.path for p in portals if p.home_page is not None]
    if not paths:
        return Page.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Page.objects.filter(condition)


def _workflow_states(portals: list[Portal], *, everything: bool):
    page_ids = (
        _pages_under(portals, everything=everything)
        .annotate(str_id=Cast("pk", CharField()))
        .values("str_id")
    )
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_ids,
    )


def pending_comments(portals) -> QuerySet[Comment]:
    """Comments of these portals waiting for review, oldest first."""
    return (
        Comment.objects.filter(portal__in=portals, status=Comment.PENDING)
        .select_related("portal", "page", "author", "parent")
        .order_by("created_at", "pk")
    )


def comments_by_id(ids) -> dict[int, Comment]:
    return Comment.objects.select_related("page", "author").in_bulk(ids)


def queue_counts(*, user) -> dict:
    """How much waits for this person: for the menu badge and the dashboard."""
    portals = access.animated_portals(user)
    everything = access.is_coordinator(user)
    portal_list = [] if everything else _portals_of(user)
    return {
        "comments": Comment.objects.filter(
            portal__in=portals, status=Comment.PENDING
        ).count(),
        "reports": Report.objects.filter(portal__in=portals, status=Report.OPEN)
        .values("content_type_id", "object_id")
        .distinct()
        .count(),
        "submissions": _workflow_states(portal_list, everything=everything).count(),
    }


def moderation_queue(*, user) -> dict:
    """The animator's screen: pending comments, reported items, pages in review."""
    portals = _portals_of(user)
    everything = access.is_coordinator(user)
    by_home_path = {p.home_page.path: p for p in portals if p.home_page is not None}

    comments_qs = Comment.objects.filter(
        portal__in=portals, status=Comment.PENDING
    ).select_related("portal", "page", "author", "parent")
    pending = list(comments_qs.order_by("created_at", "pk")[:QUEUE_LIMIT])

    reports = list(
        Report.objects.filter(portal__in=portals, status=Report.OPEN)
        .select_related("portal", "content_type", "reporter")
        .order_by("-created_at", "-pk")[: QUEUE_LIMIT * 5]
    )
    page_ct = ContentType.objects.get_for_model(Page)
    ad_ct = ContentType.objects.get_for_model(Ad)
    items: dict[tuple[int, int], ReportedItem] = {}
    for report in reports:
        key = (report.content_type_id, report.object_id)
        if key not in items:
            kind = {page_ct.pk: KIND_PAGE, ad_ct.pk: KIND_AD}.get(
                report.content_type_id, KIND_COMMENT
            )
            items[key] = ReportedItem(kind=kind, portal=report.portal, target=None)
        items[key].reports.append(report)
    page_ids = [oid for (ct, oid) in items if ct == page_ct.pk]
    ad_ids = [oid for (ct, oid) in items if ct == ad_ct.pk]
    comment_ids = [oid for (ct, oid) in items if ct not in (page_ct.pk, ad_ct.pk)]
    ads = Ad.objects.in_bulk(ad_ids) if ad_ids else {}
    pages = Page.objects.in_bulk(page_ids)
    comments = (
        Comment.objects.select_related("page", "author").in_bulk(comment_ids)
        if comment_ids
        else {}
    )
    withdrawn = {
        (ct, oid): message
        for ct, oid, message in Withdrawal.objects.filter(
            lifted_at__isnull=True, portal__in=portals
        ).values_list("content_type_id", "object_id", "review_message")
    }
    for (ct, oid), item in items.items():
        if ct == page_ct.pk:
            item.target = pages.get(oid)
        elif ct == ad_ct.pk:
            item.target = ads.get(oid)
        else:
            item.target = comments.get(oid)
        item.withdrawn = (ct, oid) in withdrawn
        item.review_message = withdrawn.get((ct, oid)) or ""

    states = list(
        _workflow_states(portals, everything=everything)
        .select_related("requested_by", "current_task_state__task")
        .order_by("created_at")[:QUEUE_LIMIT]
    )
    state_pages = Page.objects.in_bulk([int(s.object_id) for s in states])
    submissions = []
    for state in states:
        page = state_pages.get(int(state.object_id))
        if page is not None:
            portal = by_home_path.get(page.path[:PORTAL_HOME_PATH_LENGTH])
            submissions.append(Submission(state=state, page=page, portal=portal))

    return {
        "portals": portals,
        "pending_comments": pending,
        "pending_comments_count": comments_qs.count(),
        "reported_items": list(items.values())[:QUEUE_LIMIT],
        "submissions": submissions,
    }


# "Mes contributions": the reports a person made on one portal.

_REPORT_STATES = {
    Report.OPEN: "pending",
    Report.UPHELD: "removed",
    Report.DISMISSED: "done",
}


def contributions_count(portal, user) -> int:
    return Report.objects.filter(portal=portal, reporter=user).count()


def contributions_of(portal, user, limit: int) -> list:
    """The person's reports on this portal, newest first, with the
    animators' word once decided (one query per kind of reported item)."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    reports = (
        Report.objects.filter(portal=portal, reporter=user)
        .prefetch_related("target")
        .order_by("-created_at", "-pk")[:limit]
    )
    found = []
    for report in reports:
        target = report.target
        title = getattr(target, "title", "") or _("un commentaire")
        found.append(
            Contribution(
                kind="report",
                kind_label=_("Signalement de « %(title)s »") % {"title": title},
                title=str(report.get_reason_display()),
                state=_REPORT_STATES.get(report.status, report.status),
                updated_at=report.decided_at or report.created_at,
                message=report.decision_note if report.status != Report.OPEN else "",
            )
        )
    return found
