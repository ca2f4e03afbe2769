from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "quartiers.newsroom"
    label = "newsroom"
    verbose_name = _("Journal")

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

        from . import (  # noqa: F401
            demo,
            exposure,
            personal_data,
            selectors,
            services,
            signals,
            views,
        )

        exposure.register()

        registry.register_section(
            Section(
                key="journal",
                slug="journal",
                title=_("Journal"),
                page_model="newsroom.JournalIndexPage",
                summary=_(
                    "Le journal participatif et les nouvelles du quartier, écrits par les habitants avec l'animateur."
                ),
                empty_message=_(
                    "Le journal n'a pas encore d'article. Vous avez une histoire à raconter ? Proposez-la depuis la rubrique Participer."
                ),
                order=10,
            )
        )
        registry.register_portal_setup(
            "newsroom-rubriques", services.rubriques_create_defaults
        )
        registry.register_demo_seeder("newsroom-journal", demo.seed_journal, order=10)
        registry.register_home_block(
            HomeBlock(
                key="journal",
                template="newsroom/includes/home_block.html",
                context=views.home_block_context,
                order=10,
            )
        )
        for route in (
            SectionRoute(
                "participer", "proposer/", views.submission_create, "newsroom_submit"
            ),
            SectionRoute(
                "participer",
                "proposer/<int:submission_id>/",
                views.submission_edit,
                "newsroom_edit",
            ),
            SectionRoute(
                "participer",
                "mes-contributions/",
                views.my_contributions,
                "newsroom_mine",
            ),
        ):
            registry.register_route(route)
        registry.register_participation_link(
            ParticipationLink(
                key="article",
                title=_("Proposer un article"),
                description=_(
                    "Racontez un événement, faites le portrait d'un voisin, signalez ce qui va ou ne va pas. L'équipe d'animation vous aide à le publier."
                ),
                route_name="newsroom_submit",
                order=10,
            )
        )
        registry.register_participation_link(
            ParticipationLink(
                key="mine",
                title=_("Mes contributions"),
                description=_(
                    "Où en sont vos propositions : brouillon, en relecture, à retravailler, publiées."
                ),
                route_name="newsroom_mine",
                order=90,
            )
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="article",
                label=_("Articles"),
                count=selectors.contributions_count,
                items=selectors.contributions_of,
                order=10,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="journal",
                export=personal_data.export_submissions,
                erase=personal_data.erase_submissions,
            )
        )
