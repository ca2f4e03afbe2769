from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TvConfig(AppConfig):
    name = "quartiers.tv"
    label = "tv"
    verbose_name = _("Web TV")

    def ready(self) -> None:
        from quartiers.portals.features import HomeBlock, Section, registry

        from . import demo, exposure, views

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
        registry.register_home_block(
            HomeBlock(
                key="tv",
                template="tv/includes/home_block.html",
                context=views.home_block_context,
                order=60,
            )
        )
        registry.register_demo_seeder("tv", demo.seed_tv, order=60)
        registry.register_content_kind(exposure.VIDEO_KIND)
