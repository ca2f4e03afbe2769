"""Sharing between portals: a piece shared by its portal, and each receiving
portal's decision about it.

A share is a reference, never a copy: it points at the original page or
event, so corrections, unpublishing and withdrawal at the source show in
every portal at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PortalGroup(models.Model):
    """Portals one can share with at once: a department, or a network of
    neighbourhoods working together. Sharing with a group reaches the
    portals that join it later too."""

    DEPARTMENT = "department"
    NETWORK = "network"
    KIND_CHOICES = [
        (DEPARTMENT, _("Département")),
        (NETWORK, _("Réseau de quartiers")),
    ]

    name = models.CharField(_("nom"), max_length=100)
    kind = models.CharField(
        _("type"), max_length=12, choices=KIND_CHOICES, default=DEPARTMENT
    )
    code = models.CharField(
        _("numéro"),
        max_length=10,
        blank=True,
        help_text=_("Pour un département, son numéro : 93, 2A, 971…"),
    )
    portals = models.ManyToManyField(
        "portals.Portal",
        verbose_name=_("quartiers"),
        blank=True,
        related_name="network_groups",
    )

    class Meta:
        ordering = ["kind", "code", "name"]
        verbose_name = _("groupe de quartiers")
        verbose_name_plural = _("groupes de quartiers")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name"], name="portal_group_name_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Share(models.Model):
    """One piece of a portal (article, episode, video, event) offered to others."""

    # Audience: how far the piece travels beyond the portals that accept it.
    AUDIENCE_PORTAL = "portal"
    AUDIENCE_NETWORK = "network"
    AUDIENCE_PUBLIC = "public"
    AUDIENCE_CHOICES = [
        (AUDIENCE_PORTAL, _("Ce quartier seulement")),
        (AUDIENCE_NETWORK, _("Le réseau")),
        (AUDIENCE_PUBLIC, _("Public")),
    ]

    ARTICLE = "article"
    EPISODE = "episode"
    VIDEO = "video"
    EVENT = "event"
    KIND_CHOICES = [
        (ARTICLE, _("article")),
        (EPISODE, _("émission")),
        (VIDEO, _("vidéo")),
        (EVENT, _("événement")),
    ]

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier d'origine"),
        on_delete=models.CASCADE,
        related_name="shares_made",
    )
    kind = models.CharField(_("type"), max_length=10, choices=KIND_CHOICES)
    # Exactly one of page / event while the item exists. SET_NULL (not
    # CASCADE) keeps the history of sharing for the network's figures; a
    # share whose item is gone shows nowhere.
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "agenda.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The intent, kept as given: "the whole network" and groups also reach
    # the portals that open, or join a group, after the share.
    to_network = models.BooleanField(_("avec tout le réseau"), default=False)
    groups = models.ManyToManyField(
        PortalGroup,
        verbose_name=_("avec les groupes"),
        blank=True,
        related_name="shares",
    )
    note = models.TextField(_("mot d'accompagnement"), max_length=1000, blank=True)
    audience = models.CharField(
        _("public"),
        max_length=10,
        choices=AUDIENCE_CHOICES,
        default=AUDIENCE_NETWORK,
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partage")
        verbose_name_plural = _("partages")
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=True) | Q(event__isnull=True),
                name="share_one_item",
            ),
            # One active share per item: sharing it again adds portals to it.
            models.UniqueConstraint(
                fields=["page"],
                condition=Q(withdrawn_at__isnull=True, page__isnull=False),
                name="share_active_page_once",
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(withdrawn_at__isnull=True, event__isnull=False),
                name="share_active_event_once",
            ),
        ]
        indexes = [
            models.Index(fields=["portal", "-created_at"]),
            models.Index(fields=["audience", "withdrawn_at", "-created_at"]),
        ]

    def __str__(self) -> str:
        item = self.page or self.event
        return str(item) if item is not None else str(_("contenu supprimé"))

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def item(self):
        return self.page if self.page_id else self.event


class ShareProposal(models.Model):
    """A share offered to one receiving portal, and that portal's decision."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    STATUS_CHOICES = [
        (PROPOSED, _("proposé")),
        (ACCEPTED, _("accepté")),
        (DECLINED, _("refusé")),
    ]

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="proposals")
    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier destinataire"),
        on_delete=models.CASCADE,
        related_name="share_proposals",
    )
    status = models.CharField(
        _("décision"), max_length=10, choices=STATUS_CHOICES, default=PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once the receiving animators were emailed (the task is idempotent).
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposition de partage")
        verbose_name_plural = _("propositions de partage")
        constraints = [
            models.UniqueConstraint(
                fields=["share", "portal"], name="share_proposal_once_per_portal"
            )
        ]
        indexes = [models.Index(fields=["portal", "status"])]

    def __str__(self) -> str:
        return f"{self.share} → {self.portal}"
