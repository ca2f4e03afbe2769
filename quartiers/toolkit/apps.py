from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "quartiers.toolkit"
    label = "toolkit"
    verbose_name = _("Boîte à outils")

    def ready(self) -> None:
        from quartiers.newsroom import views as newsroom_views
        from quartiers.portals.features import (
            ParticipationLink,
            SectionRoute,
            registry,
        )

        from . import demo, services, views

        registry.register_portal_setup("toolkit", services.portal_setup)
        registry.register_demo_seeder("toolkit", demo.seed_toolkit, order=5)
        for route in (
            SectionRoute(
                "participer", "guides/", views.participate_guides, "toolkit_guides"
            ),
            SectionRoute(
                "participer",
                "guides/<str:slug>/",
                views.participate_guide,
                "toolkit_guide",
            ),
        ):
            registry.register_route(route)
        registry.register_participation_link(
            ParticipationLink(
                key="guides",
                title=_("Guides et modèles pour participer"),
                description=_(
                    "Mener une interview, enregistrer un son avec son téléphone, "
                    "écrire simplement : des conseils pas à pas, et des modèles "
                    "pour commencer un article."
                ),
                route_name="toolkit_guides",
                order=80,
            )
        )
        newsroom_views.register_submission_starter("toolkit", views.submission_initial)
