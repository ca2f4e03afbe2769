from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "quartiers.moderation"
    label = "moderation"
    verbose_name = _("Modération")

    def ready(self):
        from quartiers.accounts import contributions
        from quartiers.portals.features import PersonalData, registry

        from . import personal_data
        from . import selectors as contribution_selectors

        contributions.register_source(
            contributions.ContributionSource(
                key="report",
                label=_("Signalements"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=80,
            )
        )

        registry.register_personal_data(
            PersonalData(
                name="signalements",
                export=personal_data.export_reports,
                erase=personal_data.erase_reports,
            )
        )
