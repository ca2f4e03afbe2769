from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TvConfig(AppConfig):
    name = "quartiers.tv"
    label = "tv"
    verbose_name = _("Web TV")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

        registry.register_section(
            Section(
                key="tv",
                slug="tv",
                title=_("TV"),
                page_model="tv.TvIndexPage",
                summary=_("Les vidéos tournées dans le quartier."),
                empty_message=_("Aucune vidéo pour le moment."),
                order=70,
            )
        )
