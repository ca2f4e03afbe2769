from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettreConfig(AppConfig):
    name = "quartiers.lettre"
    label = "lettre"
    verbose_name = _("La lettre du quartier")

    def ready(self) -> None:
        from quartiers.portals.features import (
            HomeBlock,
            PersonalData,
            SectionRoute,
            registry,
        )

        from . import demo, personal_data, signals, views

        for route in (
            SectionRoute("home", "suivre/", views.follow, "lettre_follow"),
            SectionRoute("home", "lettre/", views.letters, "lettre_archive"),
            SectionRoute(
                "home", "lettre/<int:number>/", views.letter_detail, "lettre_letter"
            ),
            SectionRoute(
                "home",
                "lettre/<int:number>/imprimer/",
                views.letter_pdf,
                "lettre_letter_pdf",
            ),
            SectionRoute(
                "agenda", "<slug:slug>/participer/", views.attend, "lettre_attend"
            ),
            SectionRoute(
                "agenda",
                "<slug:slug>/participants/",
                views.attendees_csv,
                "lettre_attendees",
            ),
        ):
            registry.register_route(route)
        # Last on the home, and drawn without a query.
        registry.register_home_block(
            HomeBlock(
                key="lettre",
                template="lettre/includes/home_block.html",
                context=home_block_context,
                order=900,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="lettre",
                export=personal_data.export,
                erase=personal_data.erase,
            )
        )
        # After every content seeder: the letter tells of their content.
        registry.register_demo_seeder("lettre", demo.seed_letter, order=950)
        signals.connect()


def home_block_context(portal, request) -> dict:
    return {}
