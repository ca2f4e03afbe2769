"""Reports from readers, items taken offline while waiting, and the audit of
every moderator's decision."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """One person (account or email) reports one page or comment, once.

    Every report reaches the animators' queue; only the ``weight`` of reports
    from verified accounts counts towards hiding an item on its own (anonymous
    reports and unverified accounts weigh nothing: an email typed in a form
    proves nothing).
    """

    HATE = "haine"
    HARASSMENT = "harcelement"
    FALSE = "fausse-information"
    ILLEGAL = "illegal"
    PERSONAL_DATA = "donnees-personnelles"
    SPAM = "spam"
    OTHER = "autre"
    REASON_CHOICES = [
        (HATE, _("Propos haineux ou discriminatoires")),
        (HARASSMENT, _("Harcèlement ou attaque personnelle")),
        (FALSE, _("Fausse information")),
        (ILLEGAL, _("Contenu illégal ou dangereux")),
        (PERSONAL_DATA, _("Données personnelles")),
        (SPAM, _("Spam ou publicité")),
        (OTHER, _("Autre")),
    ]

    OPEN = "open"
    UPHELD = "upheld"
    DISMISSED = "dismissed"
    STATUS_CHOICES = [
        (OPEN, _("À traiter")),
        (UPHELD, _("Retenu : contenu retiré")),
        (DISMISSED, _("Classé : contenu maintenu")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="reports"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    # Always filled (the account's address for members): one report per
    # address and item, and "three different people" counts addresses.
    reporter_email = models.EmailField(_("adresse email"))
    reason = models.CharField(_("motif"), max_length=30, choices=REASON_CHOICES)
    details = models.TextField(_("précisions"), blank=True)
    # The reporter's trust when reporting (see services.report_weight).
    weight = models.FloatField(_("poids"), default=0)
    status = models.CharField(
        _("état"), max_length=10, choices=STATUS_CHOICES, default=OPEN
    )
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note de décision"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter_email"],
                name="one_report_per_person_and_item",
            )
        ]
        indexes = [
            models.Index(fields=["portal", "status", "created_at"]),
            models.Index(fields=["content_type", "object_id", "status"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_reason_display()} — {self.content_type.model} #{self.object_id}"
        )


class Withdrawal(models.Model):
    """An item taken offline automatically after several reports.

    For a page, the revision that was live is kept so that dismissing the
    reports puts exactly that version back online.
    """

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    live_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    # The author may ask the animators to look again, once, with a message.
    review_requested_at = models.DateTimeField(null=True, blank=True)
    review_message = models.TextField(_("demande de réexamen"), blank=True)

    class Meta:
        verbose_name = _("retrait automatique")
        verbose_name_plural = _("retraits automatiques")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(lifted_at__isnull=True),
                name="one_active_withdrawal_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id}"


class ModerationAction(models.Model):
    """The audit trail: who decided what, on which item, and why."""

    COMMENT_PUBLISH = "comment_publish"
    COMMENT_REFUSE = "comment_refuse"
    REPORT_UPHOLD = "report_uphold"
    REPORT_DISMISS = "report_dismiss"
    AUTO_HIDE = "auto_hide"
    ACTION_CHOICES = [
        (COMMENT_PUBLISH, _("Commentaire publié")),
        (COMMENT_REFUSE, _("Commentaire refusé")),
        (REPORT_UPHOLD, _("Signalement retenu")),
        (REPORT_DISMISS, _("Signalement classé")),
        (AUTO_HIDE, _("Masqué après plusieurs signalements")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=ACTION_CHOICES)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target_repr = models.CharField(_("élément"), max_length=255)
    reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("acte de modération")
        verbose_name_plural = _("actes de modération")
        indexes = [models.Index(fields=["portal", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.target_repr}"
