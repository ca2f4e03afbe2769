"""Show the animator, in the editor, what the contributor said about image rights."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ImageRightsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/admin/image_rights_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            images = []
            if getattr(page, "cover", None) is not None:
                images.append(page.cover)
            for block in page.body or []:
                if block.block_type == "image" and block.value["image"] is not None:
                    images.append(block.value["image"])
                elif block.block_type == "gallery":
                    images.extend(
                        p["image"]
                        for p in block.value["photos"]
                        if p["image"] is not None
                    )
            context["images"] = images
            submission = getattr(page, "submission", None) if page.pk else None
            context["audio_url"] = (
                reverse("submission_audio", args=[submission.pk])
                if submission and submission.audio
                else ""
            )
            return context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Droit à l'image"))
        super().__init__(*args, **kwargs)
