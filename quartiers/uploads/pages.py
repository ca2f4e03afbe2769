"""What the radio's and the TV's pages share: the portal kept in step with
the page tree, and publishing only once the page's sound or video is ready.

Both are abstract: the fields land in each page's own table, as before.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

# The rich text a description may hold (episodes, shows, videos).
DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class NotReadyToPublish(PermissionDenied):
    """A page whose sound or video is not ready cannot go online."""


class PortalPage(Page):
    """A page that keeps the portal it belongs to, in step with the tree."""

    portal = models.ForeignKey(
        "portals.Portal",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    exclude_fields_in_copy = ["portal"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Whoever saves the page (admin, service, copy, seed), the portal
        # follows its place in the tree: lists filter on it without walking it.
        if self.path:
            from quartiers.portals.selectors import portal_for_page

            portal = portal_for_page(self)
            self.portal_id = portal.pk if portal else None
        super().save(*args, **kwargs)


class ReadyMediaPage(PortalPage):
    """A page whose sound or video (the ``media_field`` foreign key to a
    MediaAsset) must be ready before the page goes online, with its
    description."""

    description = RichTextField(
        _("description"), features=DESCRIPTION_FEATURES, blank=True
    )

    media_field = ""

    class Meta:
        abstract = True

    @staticmethod
    def not_ready_message() -> str:
        raise NotImplementedError

    def publish(self, revision, *args, **kwargs):
        # Every way of publishing (workflow approval, bulk action, schedule,
        # code) ends here, except the editor's own "Publier" button, which the
        # form stops earlier with the same message.
        media = getattr(revision.as_object(), self.media_field)
        if media is None or not media.is_ready:
            raise NotReadyToPublish(self.not_ready_message())
        return super().publish(revision, *args, **kwargs)

    @property
    def playable(self) -> bool:
        media = getattr(self, self.media_field)
        return media is not None and media.is_ready
