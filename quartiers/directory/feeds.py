"""Feed of one local actor: its coming events and the articles that name it."""

import json

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from quartiers.core.templatetags.french import of_place
from quartiers.outreach import feeds
from quartiers.portals import visibility
from quartiers.portals.features import registry

from . import selectors


def _articles_naming(portal, name: str):
    """Live articles whose title or text names the actor (as its page does)."""
    name = name.strip()
    if len(name) < 3:
        return None
    escaped = json.dumps(name)[1:-1]
    condition = Q(title__icontains=name) | Q(body__icontains=name)
    if escaped != name:
        condition |= Q(body__icontains=escaped)
    return visibility.visible(portal, "article").filter(condition)


def actor_feed(page, request, slug, fmt):
    portal = request.portal

    def build():
        actor = selectors.published_actors(portal).filter(slug=slug).first()
        if actor is None:
            raise Http404
        items = []
        event_kind = registry.content_kind("event")
        if event_kind is not None and portal.section_enabled(event_kind.section_key):
            # The agenda's events point at actors; the directory only reads them.
            events = visibility.visible(portal, event_kind).filter(
                Q(place_actor=actor) | Q(organiser_actor=actor)
            )
            items += feeds.items_of("event", events)
        if portal.section_enabled("journal"):
            articles = _articles_naming(portal, actor.name)
            if articles is not None:
                items += feeds.items_of("article", articles)
        return feeds.portal_spec(
            request,
            portal,
            title=actor.name,
            path=f"acteurs/{actor.slug}/",
            description=_(
                "Les prochains événements %(name)s et les articles qui en parlent."
            )
            % {"name": of_place(actor.name)},
            items=feeds.newest(items, feeds.FEED_ITEMS * 2),
        )

    return feeds.serve(request, fmt, build)
