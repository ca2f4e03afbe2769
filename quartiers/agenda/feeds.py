"""Feed of the agenda: coming events, the soonest first."""

from django.db.models import F
from django.utils.translation import gettext as _

from quartiers.outreach import feeds
from quartiers.portals import visibility


def coming_events(portal):
    """Published events not over yet, by their next date."""
    return visibility.visible(portal, "event").order_by(
        F("next_start").asc(nulls_last=True), "pk"
    )


def events_feed(page, request, fmt):
    portal = request.portal
    return feeds.serve(
        request,
        fmt,
        lambda: feeds.portal_spec(
            request,
            portal,
            title=_("Agenda"),
            path="agenda/",
            description=_("Les prochains événements du quartier."),
            items=feeds.items_of("event", coming_events(portal)),
        ),
    )
