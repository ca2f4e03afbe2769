"""Reads of the journal: scoped to a portal, constant in queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from quartiers.portals import visibility
from quartiers.portals.models import Portal
from quartiers.portals.selectors import in_subtree

from .models import ArticleAuthor, ArticlePage, JournalIndexPage, Rubrique, Submission

CARD_SPEC = "fill-640x400"
JOURNAL_PAGE_SIZE = 12


def _cards(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_SPEC)
    )
    return (
        queryset.select_related("rubrique", "cover")
        .prefetch_related(
            Prefetch("cover__renditions", queryset=renditions),
            Prefetch("authors", queryset=ArticleAuthor.objects.select_related("user")),
        )
        .order_by("-first_published_at", "-pk")
    )


def journal_of(portal: Portal) -> JournalIndexPage | None:
    home = portal.home_page
    if home is None:
        return None
    return JournalIndexPage.objects.filter(path__startswith=home.path).first()


def rubriques_of(portal: Portal) -> list[Rubrique]:
    return list(Rubrique.objects.filter(portal=portal))


def rubrique_by_slug(portal: Portal, slug: str) -> Rubrique | None:
    """One section of this portal's journal, or None (another portal's is None)."""
    return Rubrique.objects.filter(portal=portal, slug=slug).first()


def live_articles(portal: Portal) -> QuerySet[ArticlePage]:
    """Every published article of the portal (its own subtree only) whose
    journal is online (the one visibility rule)."""
    home = portal.home_page
    if home is None:
        return ArticlePage.objects.none()
    return visibility.ancestors_live(
        ArticlePage.objects.live().public().filter(in_subtree(home.path))
    )


def journal_page(
    *, journal: JournalIndexPage, rubrique: Rubrique | None, page_number
) -> PaginatorPage:
    """The journal's articles, with the ones other portals shared and this
    portal accepted (references to the originals, ``shared_from`` set to the
    origin's name), newest first."""
    from quartiers.network import selectors as network_selectors
    from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH

    # The journal's portal, as a subquery: no extra query.
    portal_ids = Portal.objects.filter(
        home_page__path=journal.path[:PORTAL_HOME_PATH_LENGTH]
    ).values("pk")
    # The few accepted pages are read first (one query): an OR between the
    # journal's path range and a subquery on other tables made PostgreSQL
    # scan every article of the network (0.4 s at 390,000 items).
    accepted = list(
        network_selectors.accepted_page_ids(portal_ids, "article").values_list(
            "share__page_id", flat=True
        )
    )
    children = in_subtree(journal.path) & Q(depth=journal.depth + 1)
    base = ArticlePage.objects.live().public()
    queryset = base.filter(children | Q(pk__in=accepted)).annotate(
        shared_from=network_selectors.origin_name_of_page(portal_ids)
    )
    if rubrique is not None:
        queryset = queryset.filter(rubrique=rubrique)
    return Paginator(_cards(queryset), JOURNAL_PAGE_SIZE).get_page(page_number)


def home_articles(portal: Portal, *, featured: int = 3, latest: int = 6) -> dict:
    base = live_articles(portal)
    # Featured articles are few: find them through the portal's tree, then
    # sort. Ordered by date with a LIMIT, PostgreSQL walked the date index of
    # every article of the network looking for featured ones of this portal
    # (0.3 s at 390,000 articles, and all of it when there is none).
    candidates = sorted(
        base.filter(featured=True).values_list("first_published_at", "pk"),
        key=lambda row: (row[0] is not None, row[0], row[1]),
        reverse=True,
    )[:featured]
    featured_articles = list(_cards(base.filter(pk__in=[pk for _, pk in candidates])))
    latest_articles = list(
        _cards(base.exclude(pk__in=[a.pk for a in featured_articles]))[:latest]
    )
    return {"featured": featured_articles, "latest": latest_articles}


def related_articles(article: ArticlePage, *, limit: int = 3) -> list[ArticlePage]:
    siblings = ArticlePage.objects.live().public().sibling_of(article, inclusive=False)
    # .all(): a draft previewed from its revision holds its tags in memory.
    tag_ids = [tag.pk for tag in article.tags.all()]
    related = siblings.none()
    if article.rubrique_id or tag_ids:
        from django.db.models import Q

        condition = Q()
        if article.rubrique_id:
            condition |= Q(rubrique_id=article.rubrique_id)
        if tag_ids:
            condition |= Q(tagged_items__tag_id__in=tag_ids)
        related = siblings.filter(condition).distinct()
    found = list(_cards(related)[:limit])
    if len(found) < limit:
        found += list(
            _cards(siblings.exclude(pk__in=[a.pk for a in found]))[: limit - len(found)]
        )
    return found


def submissions_of(*, portal: Portal, author) -> QuerySet[Submission]:
    return Submission.objects.filter(portal=portal, author=author).select_related(
        "page", "rubrique"
    )


def submission_for_author(*, portal: Portal, author, submission_id) -> Submission:
    from django.http import Http404

    try:
        return submissions_of(portal=portal, author=author).get(pk=int(submission_id))
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# "Mes contributions" (accounts.contributions) ---------------------------------

_SUBMISSION_STATES = {
    Submission.DRAFT: "draft",
    Submission.IN_REVIEW: "pending",
    Submission.CHANGES_REQUESTED: "changes",
    Submission.PUBLISHED: "published",
    Submission.REFUSED: "refused",
}


def contributions_count(portal: Portal, user) -> int:
    return Submission.objects.filter(portal=portal, author=user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The person's proposed articles on this portal, newest first."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    root = portal.get_absolute_url()
    found = []
    for submission in submissions_of(portal=portal, author=user).order_by(
        "-updated_at", "-pk"
    )[:limit]:
        page = submission.page
        found.append(
            Contribution(
                kind="article",
                kind_label=_("Article"),
                title=submission.title,
                state=_SUBMISSION_STATES.get(submission.status, submission.status),
                updated_at=submission.updated_at,
                message=submission.animator_message,
                url=page.url if page is not None and page.live else "",
                edit_url=(
                    f"{root}participer/proposer/{submission.pk}/"
                    if submission.editable
                    else ""
                ),
            )
        )
    return found
