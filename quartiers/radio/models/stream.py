"""Where a portal's live stream is: its Icecast mount and status page."""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from quartiers.core.templatetags.french import of_place

from ..icecast import refusal

http_url = URLValidator(
    schemes=["http", "https"],
    message=_(
        "Indiquez une adresse web complète qui commence par http:// ou https://, "
        "par exemple https://radio.exemple.fr/peupliers.mp3."
    ),
)


class RadioSettings(models.Model):
    """The live radio of one portal (edited by its animators in the admin)."""

    portal = models.OneToOneField(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="radio_settings",
    )
    stream_url = models.CharField(
        _("adresse du direct"),
        max_length=300,
        blank=True,
        validators=[http_url],
        help_text=_(
            "Le point de montage Icecast que les auditeurs écoutent, par exemple "
            "https://radio.exemple.fr/peupliers.mp3. Vide : pas de direct."
        ),
    )
    status_url = models.CharField(
        _("adresse de l'état du serveur"),
        max_length=300,
        blank=True,
        validators=[http_url],
        help_text=_(
            "La page status-json.xsl du serveur Icecast. Laissez vide : elle est "
            "déduite de l'adresse du direct."
        ),
    )

    panels = [
        FieldPanel("portal"),
        FieldPanel("stream_url"),
        FieldPanel("status_url"),
    ]

    class Meta:
        verbose_name = _("réglages de la radio")
        verbose_name_plural = _("réglages de la radio")

    def __str__(self) -> str:
        return str(_("Radio %(portal)s") % {"portal": of_place(self.portal.name)})

    def clean(self):
        """The status address (given, or deduced from the stream's) must be one
        of the configured Icecast servers: the site fetches it itself."""
        super().clean()
        url = self.status_url or default_status_url(self.stream_url)
        if urlsplit(url).scheme not in ("http", "https"):
            return  # empty, or already refused by the field's own validator
        if problem := refusal(url):
            raise ValidationError({"status_url": problem})

    @property
    def mount(self) -> str:
        """The mount point of the stream ("/peupliers.mp3")."""
        return urlsplit(self.stream_url).path or "/"

    @property
    def effective_status_url(self) -> str:
        if self.status_url:
            return self.status_url
        return default_status_url(self.stream_url)


def default_status_url(stream_url: str) -> str:
    """<scheme>://<host>:<port>/status-json.xsl of the stream's server."""
    if not stream_url:
        return ""
    parts = urlsplit(stream_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    netloc = parts.netloc.rsplit("@", 1)[-1]  # never send credentials along
    return urlunsplit((parts.scheme, netloc, "/status-json.xsl", "", ""))
