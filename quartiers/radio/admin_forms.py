"""The show and episode editors in the admin: they stay in the page's portal,
and an episode whose sound is not ready cannot be published."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

PUBLISHING_WORKFLOW_ACTIONS = {"approve"}


def _page_portal(form):
    from quartiers.portals.selectors import portal_for_page

    if form.instance.portal_id:
        return form.instance.portal
    return portal_for_page(form.parent_page)


def _image_of_another_portal(image, portal) -> bool:
    from quartiers.portals.models import Portal

    if image is None or portal is None or image.collection_id is None:
        return False
    return (
        Portal.objects.filter(collection_id=image.collection_id)
        .exclude(pk=portal.pk)
        .exists()
    )


class ShowPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        from .models import artwork_problem

        artwork = cleaned.get("artwork")
        if _image_of_another_portal(artwork, _page_portal(self)):
            self.add_error("artwork", _("Cette image appartient à un autre quartier."))
        elif problem := artwork_problem(artwork):
            self.add_error("artwork", problem)
        return cleaned


class EpisodePageForm(WagtailAdminPageForm):
    def is_publishing(self) -> bool:
        """Whether this save puts the episode online (publish, or final approval)."""
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
        if self.is_publishing():
            audio = self.instance.audio
            if audio is None or not audio.is_ready:
                self.add_error(None, not_ready_message())
        return cleaned
