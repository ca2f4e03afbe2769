"""Comments left by residents under pages (articles, blog posts, episodes...)."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from quartiers.core.sanitize import text_to_html

FORMER_PARTICIPANT = _("ancien·ne participant·e")


class Comment(models.Model):
    """A comment on a page; replies go one level deep only."""

    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REMOVED = "removed"
    STATUS_CHOICES = [
        (PENDING, _("En attente de relecture")),
        (PUBLISHED, _("En ligne")),
        (HIDDEN, _("Masqué en attendant une décision")),
        (REMOVED, _("Retiré")),
    ]

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("réponse à"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur ou autrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(_("nom affiché"), max_length=100, blank=True)
    # Stored as typed; rendered through text_to_html, never as raw HTML.
    body = models.TextField(_("commentaire"))
    status = models.CharField(
        _("état"), max_length=10, choices=STATUS_CHOICES, default=PENDING
    )
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        indexes = [
            models.Index(fields=["page", "status", "created_at"]),
            models.Index(fields=["portal", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        excerpt = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.display_name} : {excerpt}"

    def get_absolute_url(self) -> str:
        return f"{self.page.url}#commentaire-{self.pk}"

    @property
    def display_name(self) -> str:
        if self.author is not None:
            return self.author.public_name
        return self.author_name or str(FORMER_PARTICIPANT)

    @cached_property
    def body_html(self) -> str:
        return mark_safe(text_to_html(self.body))  # noqa: S308 (escaped, then nh3)
