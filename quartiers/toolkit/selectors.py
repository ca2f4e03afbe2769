"""Reads of the toolkit: what each person may see, in a constant number of
queries whatever the number of guides, templates or portals."""

from django.db.models import QuerySet
from wagtail.documents import get_document_model

from quartiers.accounts.models import Membership
from quartiers.portals import access
from quartiers.portals.models import Portal

from . import checklist
from .access import reads_animator_pages
from .models import GuidePage, OnboardingStep, TemplatePage, ToolkitIndexPage

DASHBOARD_PORTALS = 3


def _guides(*, everything: bool) -> QuerySet[GuidePage]:
    guides = GuidePage.objects.live().defer_streamfields()
    if not everything:
        guides = guides.filter(audience=GuidePage.AUDIENCE_PUBLIC)
    return guides.order_by("title")


def guides_by_topic(*, everything: bool) -> list[dict]:
    """Guides grouped by topic, topics in their editorial order."""
    by_topic: dict[str, list[GuidePage]] = {}
    for guide in _guides(everything=everything):
        by_topic.setdefault(guide.topic, []).append(guide)
    return [
        {"key": key, "label": label, "guides": by_topic[key]}
        for key, label in GuidePage.TOPIC_CHOICES
        if key in by_topic
    ]


def public_guides() -> list[GuidePage]:
    return list(_guides(everything=False))


def templates_for(*, everything: bool) -> list[TemplatePage]:
    templates = TemplatePage.objects.live().defer_streamfields()
    if not everything:
        templates = templates.filter(for_residents=True)
    return list(templates.order_by("path"))


def toolkit_documents() -> list:
    collections = ToolkitIndexPage.objects.exclude(collection=None).values(
        "collection_id"
    )
    return list(
        get_document_model()
        .objects.filter(collection_id__in=collections)
        .order_by("title")
    )


def guide_for(*, user, slug: str) -> GuidePage | None:
    guides = GuidePage.objects.live().filter(slug=slug)
    if not reads_animator_pages(user):
        guides = guides.filter(audience=GuidePage.AUDIENCE_PUBLIC)
    return guides.first()


def public_guide(slug: str) -> GuidePage | None:
    return (
        GuidePage.objects.live()
        .filter(slug=slug, audience=GuidePage.AUDIENCE_PUBLIC)
        .first()
    )


def template_for_animators(slug: str) -> TemplatePage | None:
    return TemplatePage.objects.live().filter(slug=slug, for_animators=True).first()


def template_for_readers(*, user, slug: str) -> TemplatePage | None:
    templates = TemplatePage.objects.live().filter(slug=slug)
    if not reads_animator_pages(user):
        templates = templates.filter(for_residents=True)
    return templates.first()


def template_for_residents(template_id) -> TemplatePage | None:
    """A template residents may start from, by id; anything else is None.

    The id comes from an address anyone can type: garbage, another page's id
    or a template kept for animators all answer None, never an error.
    """
    try:
        pk = int(str(template_id).strip())
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**63 - 1:
        return None
    return TemplatePage.objects.live().filter(pk=pk, for_residents=True).first()


def template_actions(*, template: TemplatePage, user) -> dict:
    """Where this person may start an article from this template: a draft in
    the journals they animate, or a proposal in the other portals they belong
    to."""
    start_portals: list[Portal] = []
    resident_portals: list[Portal] = []
    if template.for_animators:
        start_portals = list(access.animated_portals(user).order_by("name"))
    if template.for_residents and user.is_authenticated:
        animated = {portal.pk for portal in start_portals}
        resident_portals = [
            portal
            for portal in Portal.objects.filter(memberships__user=user).order_by("name")
            if portal.pk not in animated
        ]
    return {"start_portals": start_portals, "resident_portals": resident_portals}


def checklist_for(portal: Portal) -> list[dict]:
    """Each step of the portal's first steps, ticked by hand or seen done."""
    ticked = dict(
        OnboardingStep.objects.filter(portal=portal).values_list("key", "done_at")
    )
    items = []
    for step in checklist.STEPS:
        done_at = ticked.get(step.key)
        seen = done_at is None and step.done is not None and step.done(portal)
        items.append(
            {
                "step": step,
                "done": done_at is not None or seen,
                "seen_done": seen,
                "done_at": done_at,
                "url": step.url(portal),
            }
        )
    return items


def checklist_portals(user) -> list[Portal]:
    """The portals whose first steps this person follows on the dashboard:
    those they animate as members (a coordinator runs every portal and would
    drown in checklists; they open one from the toolkit)."""
    if not user.is_authenticated:
        return []
    return list(
        Portal.objects.filter(
            memberships__user=user, memberships__role=Membership.ANIMATOR
        ).order_by("name")[:DASHBOARD_PORTALS]
    )
