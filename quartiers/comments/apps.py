from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "quartiers.comments"
    label = "comments"
    verbose_name = _("Commentaires")

    def ready(self):
        from quartiers.portals.features import PersonalData, registry

        from . import demo, personal_data

        registry.register_demo_seeder("comments", demo.seed_comments, order=30)
        registry.register_personal_data(
            PersonalData(
                name="commentaires",
                export=personal_data.export_comments,
                erase=personal_data.erase_comments,
            )
        )
