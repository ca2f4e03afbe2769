"""Audience figures, aggregated per portal and per day: no visitor is stored.

Only counters live here. No IP address, no user agent, no visitor hash, no
cookie: the hash that tells a new visitor from a returning one lives in the
cache for the day only (see ``counting``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_MAX = 255
# Counts per address are erased after this (tasks.purge_old_page_views);
# the portal's daily totals stay, they say nothing about anyone.
PAGE_VIEWS_RETENTION_MONTHS = 25


class DailyPageViews(models.Model):
    """How many times one address of a portal was read on one day."""

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("jour"))
    # Relative to the portal's root ("/" is its home, "/journal/..." an
    # article), so that a portal on its own domain keeps the same addresses.
    path = models.CharField(_("adresse"), max_length=PATH_MAX)
    views = models.PositiveIntegerField(_("pages vues"), default=0)

    class Meta:
        verbose_name = _("pages vues d'une adresse par jour")
        verbose_name_plural = _("pages vues par adresse et par jour")
        constraints = [
            # Also the index of "one portal over a period" (portal, day...).
            models.UniqueConstraint(
                fields=["portal", "day", "path"], name="stats_pageviews_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="stats_pageviews_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.path}: {self.views}"


class DailyVisits(models.Model):
    """One portal on one day: visits (distinct visitors) and all its page views.

    ``page_views`` repeats the sum of the day's DailyPageViews so that the
    dashboard compares 150 portals over a year by reading one small row per
    portal and day instead of every address.
    """

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("jour"))
    visits = models.PositiveIntegerField(_("visites"), default=0)
    page_views = models.PositiveIntegerField(_("pages vues"), default=0)

    class Meta:
        verbose_name = _("visites d'un portail par jour")
        verbose_name_plural = _("visites par portail et par jour")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "day"], name="stats_visits_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="stats_visits_day_idx")]

    def __str__(self) -> str:
        return f"{self.day}: {self.visits} / {self.page_views}"
