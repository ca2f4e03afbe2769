from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "quartiers.stats"
    label = "stats"
    verbose_name = _("Statistiques")

    def ready(self) -> None:
        from quartiers.portals.features import SectionRoute, registry

        from . import demo, participation, views

        participation.register_builtin_metrics()
        registry.register_route(
            SectionRoute("home", "confidentialite/", views.privacy, "stats_privacy")
        )
        # After the content seeders: the audience follows the demo's events.
        registry.register_demo_seeder("stats", demo.seed_audience, order=900)
