"""The video editor in the admin: stays in the page's portal, refuses an
unready video at publication, checks the captions file."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_WORKFLOW_ACTIONS = {"approve"}


class VideoPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal = self._portal()
        if "programme" in self.fields:
            from .models import Programme

            self.fields["programme"].queryset = Programme.objects.filter(
                portal=self.portal
            )

    def _portal(self):
        from quartiers.portals.selectors import portal_for_page

        if self.instance.portal_id:
            return self.instance.portal
        return portal_for_page(self.parent_page)

    def is_publishing(self) -> bool:
        """Whether this save puts the video online (publish, or final approval)."""
        data = self.data or {}
        if data.get("action-publish"):
            return True
        return bool(
            data.get("action-workflow-action")
            and data.get("workflow-action-name") in PUBLISHING_WORKFLOW_ACTIONS
        )

    def clean(self):
        from .models import not_ready_message

        cleaned = super().clean()
        captions = cleaned.get("captions")
        if captions is not None:
            try:
                check_captions_document(captions, self.portal)
            except ValidationError as error:
                self.add_error("captions", error)
        poster = cleaned.get("poster")
        if poster is not None and _belongs_elsewhere(poster.collection_id, self.portal):
            self.add_error("poster", _("Cette image appartient à un autre quartier."))
        if self.is_publishing() and not (
            self.instance.video is not None and self.instance.video.is_ready
        ):
            self.add_error(None, not_ready_message())
        return cleaned


def _belongs_elsewhere(collection_id, portal) -> bool:
    from quartiers.portals.models import Portal

    if portal is None or collection_id is None:
        return False
    return (
        Portal.objects.filter(collection_id=collection_id)
        .exclude(pk=portal.pk)
        .exists()
    )


def check_captions_document(document, portal) -> None:
    """A captions document must be a WebVTT file of this portal."""
    from quartiers.uploads.media import validate_webvtt

    if _belongs_elsewhere(document.collection_id, portal):
        raise ValidationError(_("Ce document appartient à un autre quartier."))
    try:
        document.file.open("rb")
        try:
            validate_webvtt(document.file)
        finally:
            document.file.close()
    except OSError:
        raise ValidationError(
            _("Le fichier de sous-titres est introuvable. Envoyez-le à nouveau.")
        ) from None
