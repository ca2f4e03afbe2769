from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "quartiers.radio"
    label = "radio"
    verbose_name = _("Web radio")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

        registry.register_section(
            Section(
                key="radio",
                slug="radio",
                title=_("Radio"),
                page_model="radio.RadioIndexPage",
                summary=_(
                    "La radio du quartier : le direct, la grille des programmes, les émissions et leurs podcasts."
                ),
                empty_message=_(
                    "La radio prépare ses premières émissions. Revenez bientôt !"
                ),
                order=60,
            )
        )
