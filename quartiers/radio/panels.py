"""Show the animator, in the episode editor, where the sound's preparation is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class MediaStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "radio/admin/media_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["asset"] = page.audio
            context["upload_url"] = (
                reverse("radio_episode_sound", args=[page.pk]) if page.pk else ""
            )
            return context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Son de l'épisode"))
        super().__init__(*args, **kwargs)
