"""Who follows what, what each person is told, who comes to an event, and
the weekly letter of each portal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    """One person who may receive emails: an account, or an address confirmed
    by a link sent to it (double opt-in)."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"
    FREQUENCY_CHOICES = [
        (IMMEDIATE, _("immédiatement")),
        (DAILY, _("chaque jour")),
        (WEEKLY, _("chaque semaine")),
        (NEVER, _("jamais")),
    ]

    email = models.EmailField(_("adresse email"), unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lettre_subscriber",
    )
    frequency = models.CharField(
        _("fréquence des emails"),
        max_length=10,
        choices=FREQUENCY_CHOICES,
        default=DAILY,
    )
    # None until the address is confirmed (accounts are confirmed already).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonné·e")
        verbose_name_plural = _("abonné·es")

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Follow(models.Model):
    """One thing of one portal that a subscriber follows."""

    PORTAL = "portal"
    SECTION = "section"
    ACTOR = "actor"
    SHOW = "show"
    EVENT = "event"
    TARGET_CHOICES = [
        (PORTAL, _("le quartier (la lettre de la semaine)")),
        (SECTION, _("une rubrique")),
        (ACTOR, _("un acteur local")),
        (SHOW, _("une émission de radio")),
        (EVENT, _("un événement")),
    ]

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="follows"
    )
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    target = models.CharField(max_length=10, choices=TARGET_CHOICES)
    # The section key, or the id of the actor, show page or event ("" for
    # the portal itself).
    key = models.CharField(max_length=40, blank=True)
    label = models.CharField(max_length=200, blank=True)
    # None until its confirmation link is followed (visitors by email).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "portal", "target", "key"],
                name="lettre_follow_once",
            )
        ]
        indexes = [models.Index(fields=["portal", "target", "key"])]

    def __str__(self) -> str:
        return f"{self.subscriber} → {self.label or self.target}"


class Notification(models.Model):
    """Something a person is told, in "Mes notifications" and by email."""

    REPLY = "reply"
    CONTRIBUTION = "contribution"
    EVENT_CHANGE = "event_change"
    NEW_POST = "new_post"
    KIND_CHOICES = [
        (REPLY, _("réponse à un commentaire")),
        (CONTRIBUTION, _("suivi d'une contribution")),
        (EVENT_CHANGE, _("changement d'un événement")),
        (NEW_POST, _("nouvelle publication")),
    ]

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="notifications"
    )
    portal = models.ForeignKey(
        "portals.Portal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(max_length=15, choices=KIND_CHOICES)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["subscriber", "-created_at"]),
            models.Index(fields=["emailed_at", "subscriber"]),
        ]

    def __str__(self) -> str:
        return self.title


class EventOptions(models.Model):
    """Registration settings of one agenda event (its row is also the lock
    that keeps two last-place registrations from both winning)."""

    event = models.OneToOneField(
        "agenda.Event", on_delete=models.CASCADE, related_name="+"
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Laissez vide s'il n'y a pas de limite."),
    )
    registrations_open = models.BooleanField(_("inscriptions ouvertes"), default=True)

    class Meta:
        verbose_name = _("inscriptions à un événement")
        verbose_name_plural = _("inscriptions aux événements")

    def __str__(self) -> str:
        return str(self.event_id)


class Attendance(models.Model):
    """ "Je participe": one person (account or email) coming to one event."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (CONFIRMED, _("inscrit·e")),
        (WAITING, _("sur liste d'attente")),
        (CANCELLED, _("désinscrit·e")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "agenda.Event", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("adresse email"))
    name = models.CharField(_("nom ou prénom"), max_length=100)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    # The start of the session the reminder was sent for.
    reminded_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="lettre_attendance_once"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class Letter(models.Model):
    """La lettre du quartier: one issue of one portal's weekly letter."""

    DRAFT = "draft"
    APPROVED = "approved"
    SENDING = "sending"
    SENT = "sent"
    STATUS_CHOICES = [
        (DRAFT, _("brouillon")),
        (APPROVED, _("prête à partir")),
        (SENDING, _("en cours d'envoi")),
        (SENT, _("envoyée")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(_("numéro"))
    week_start = models.DateField(_("semaine du"))
    intro = models.TextField(
        _("le mot de l'équipe"),
        blank=True,
        max_length=2000,
        help_text=_("Quelques mots en tête de la lettre (facultatif)."),
    )
    # A snapshot of what the letter shows, in order: kind, id, title, url
    # (a path), summary, when, where, group ("news" or "agenda").
    items = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    # A draft nobody touched goes by itself at this time.
    send_after = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("lettre du quartier")
        verbose_name_plural = _("lettres du quartier")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "number"], name="lettre_number_per_portal"
            ),
            models.UniqueConstraint(
                fields=["portal", "week_start"], name="lettre_one_per_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Lettre')} n° {self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.portal.get_absolute_url()}lettre/{self.number}/"

    @property
    def is_public(self) -> bool:
        return self.status in (self.SENDING, self.SENT)


class LetterDelivery(models.Model):
    """One letter sent to one subscriber: makes sending resumable and never
    twice, and counts the hourly ceiling."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "subscriber"], name="lettre_delivered_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.subscriber_id}"
