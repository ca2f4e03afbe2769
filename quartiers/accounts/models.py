"""People: accounts, profiles and their membership of portals."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def avatar_upload_to(instance, filename: str) -> str:
    # The file name never carries the person's name or the original name.
    return f"avatars/{instance.pk or 'nouveau'}/{instance.avatar_token}.jpg"


class User(AbstractUser):
    """A person. Logs in with an email; the password is optional."""

    username = None
    email = models.EmailField(_("adresse email"), unique=True)
    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        blank=True,
        help_text=_("Le nom que les autres verront sous vos contributions."),
    )
    bio = models.TextField(_("quelques mots sur vous"), max_length=500, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_upload_to, blank=True)
    avatar_token = models.CharField(max_length=32, blank=True, editable=False)
    EMAIL_IMMEDIATE = "immediate"
    EMAIL_DAILY = "daily"
    STAFF_EMAIL_CHOICES = [
        (EMAIL_IMMEDIATE, _("immédiatement, un email par contribution")),
        (EMAIL_DAILY, _("un résumé par jour")),
    ]
    staff_email_frequency = models.CharField(
        _("emails de l'équipe d'animation"),
        max_length=10,
        choices=STAFF_EMAIL_CHOICES,
        default=EMAIL_IMMEDIATE,
        help_text=_("Pour ce qui attend votre décision (propositions, signalements…)."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.display_name:
            return self.display_name
        full = self.get_full_name()
        if full:
            return full
        return self.email.split("@")[0]

    @property
    def is_coordinator(self) -> bool:
        """Network coordinators see and act on every portal."""
        return self.is_active and self.is_superuser

    def get_username(self) -> str:
        return self.email


class Membership(models.Model):
    """A person's role in one portal. Roles are always scoped to a portal."""

    RESIDENT = "resident"
    TRUSTED = "trusted"
    PARTNER = "partner"
    ANIMATOR = "animator"
    ROLE_CHOICES = [
        (RESIDENT, _("Habitant·e")),
        (TRUSTED, _("Contributeur·rice de confiance")),
        (PARTNER, _("Partenaire")),
        (ANIMATOR, _("Animateur·rice")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=ROLE_CHOICES, default=RESIDENT
    )
    joined_at = models.DateTimeField(_("membre depuis"), auto_now_add=True)

    class Meta:
        verbose_name = _("adhésion à un portail")
        verbose_name_plural = _("adhésions aux portails")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "portal"], name="one_membership_per_portal"
            )
        ]
        indexes = [models.Index(fields=["portal", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.portal} ({self.get_role_display()})"


class Invitation(models.Model):
    """An email invitation to join a portal with a role.

    The link carries a signed token; only a digest of its secret part is
    kept, so the table alone cannot be used to accept an invitation. It
    expires, is used once, and may be cancelled before.
    """

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse email"))
    role = models.CharField(_("rôle"), max_length=20, choices=Membership.ROLE_CHOICES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secret_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["portal", "accepted_at", "cancelled_at"])]

    def __str__(self) -> str:
        return f"{self.email} — {self.portal} ({self.get_role_display()})"


class StaffNotice(models.Model):
    """An email to a member of staff kept for their daily summary."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("avis en attente du résumé")
        verbose_name_plural = _("avis en attente du résumé")
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self) -> str:
        return self.subject
