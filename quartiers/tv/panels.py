"""Show the animator, in the video editor, where the file's preparation is."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class MediaStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "tv/admin/media_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["asset"] = self.instance.video
            return context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Fichier vidéo"))
        super().__init__(*args, **kwargs)
