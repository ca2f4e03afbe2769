from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "quartiers.moderation"
    label = "moderation"
    verbose_name = _("Modération")

    def ready(self):
        from quartiers.portals.features import PersonalData, registry

        from . import personal_data

        registry.register_personal_data(
            PersonalData(
                name="signalements",
                export=personal_data.export_reports,
                erase=personal_data.erase_reports,
            )
        )
