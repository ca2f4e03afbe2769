from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifiedsConfig(AppConfig):
    name = "quartiers.classifieds"
    label = "classifieds"
    verbose_name = _("Petites annonces")

    def ready(self) -> None:
        from quartiers.accounts import contributions
        from quartiers.portals.features import (
            HomeBlock,
            ParticipationLink,
            PersonalData,
            Section,
            SectionRoute,
            registry,
        )

        from . import demo, exposure, personal_data, views
        from . import selectors as contribution_selectors

        exposure.register()

        registry.register_section(
            Section(
                key="annonces",
                slug="annonces",
                title=_("Petites annonces"),
                page_model="classifieds.ClassifiedsIndexPage",
                summary=_(
                    "Offres, demandes, dons, échanges, prêts, coups de main et petits jobs entre voisins."
                ),
                empty_message=_(
                    "Pas encore d'annonce. Un objet à donner, un coup de main à demander ? Soyez le premier ou la première."
                ),
                order=30,
            )
        )
        for pattern, view, name in (
            ("deposer/", views.ad_create, "classifieds_new"),
            ("mes-annonces/", views.my_ads, "classifieds_mine"),
            ("<int:ad_id>/", views.ad_detail, "classifieds_detail"),
            ("<int:ad_id>/modifier/", views.ad_edit, "classifieds_edit"),
            ("<int:ad_id>/contacter/", views.ad_contact, "classifieds_contact"),
            ("<int:ad_id>/terminer/", views.ad_done, "classifieds_done"),
            ("<int:ad_id>/supprimer/", views.ad_delete, "classifieds_delete"),
            ("<int:ad_id>/prolonger/", views.ad_extend, "classifieds_extend"),
            (
                "<int:ad_id>/prolonger/<str:token>/",
                views.ad_extend_with_token,
                "classifieds_extend_token",
            ),
        ):
            registry.register_route(SectionRoute("annonces", pattern, view, name))
        registry.register_participation_link(
            ParticipationLink(
                key="annonce",
                title=_("Déposer une petite annonce"),
                description=_(
                    "Donner, prêter, échanger, demander un coup de main ou proposer un petit job : en une minute, depuis votre téléphone."
                ),
                route_name="classifieds_new",
                order=20,
                section_key="annonces",
            )
        )
        registry.register_home_block(
            HomeBlock(
                key="annonces",
                template="classifieds/includes/home_block.html",
                context=views.home_block_context,
                order=30,
            )
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="ad",
                label=_("Petites annonces"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=20,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="annonces",
                export=personal_data.export_ads,
                erase=personal_data.erase_ads,
                files=personal_data.ad_photo_files,
            )
        )
        registry.register_demo_seeder("classifieds", demo.seed_classifieds, order=25)
