from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "quartiers.directory"
    label = "directory"
    verbose_name = _("Acteurs et infos pratiques")

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
            extensions,
            personal_data,
            selectors,
            tasks,
            views,
        )

        exposure.register()

        registry.register_section(
            Section(
                key="acteurs",
                slug="acteurs",
                title=_("Acteurs du quartier"),
                page_model="directory.DirectoryIndexPage",
                summary=_(
                    "Associations, services publics, bailleurs, écoles, santé, commerces : qui fait quoi près de chez vous."
                ),
                empty_message=_(
                    "L'annuaire des acteurs du quartier est en cours de constitution."
                ),
                order=50,
            )
        )

        registry.register_section(
            Section(
                key="infos-pratiques",
                slug="infos-pratiques",
                title=_("Infos pratiques"),
                page_model="directory.PracticalInfoIndexPage",
                summary=_(
                    "Numéros utiles, horaires des services, où se faire aider pour "
                    "ses papiers, transports."
                ),
                empty_message=_("Les infos pratiques arrivent bientôt."),
                order=80,
            )
        )
        # Fixed screens first: an actor's slug never shadows them (the
        # services refuse those slugs too).
        for route in (
            SectionRoute("acteurs", "carte/", views.actor_map, "directory_map"),
            SectionRoute(
                "acteurs", "suggerer/", views.actor_suggest, "directory_suggest"
            ),
            SectionRoute(
                "acteurs",
                "mon-organisation/",
                views.my_organisation,
                "directory_mine",
            ),
            SectionRoute(
                "acteurs",
                "<slug:slug>/modifier/",
                views.actor_edit,
                "directory_actor_edit",
            ),
            SectionRoute(
                "acteurs", "<slug:slug>/", views.actor_detail, "directory_actor"
            ),
        ):
            registry.register_route(route)
        registry.register_participation_link(
            ParticipationLink(
                key="acteur",
                title=_("Suggérer un acteur du quartier"),
                description=_(
                    "Une association, un commerce, un service qui manque à "
                    "l'annuaire ? Signalez-le, l'équipe d'animation l'ajoutera."
                ),
                route_name="directory_suggest",
                order=40,
                section_key="acteurs",
            )
        )
        registry.register_home_block(
            HomeBlock(
                key="acteurs",
                template="directory/includes/home_block.html",
                context=views.home_block_context,
                order=50,
            )
        )
        extensions.register_actor_block(
            "articles",
            "directory/includes/actor_articles.html",
            views.articles_block_context,
            order=50,
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="actor",
                label=_("Acteurs locaux suggérés"),
                count=selectors.contributions_count,
                items=selectors.contributions_of,
                order=35,
            )
        )
        registry.register_demo_seeder("directory", demo.seed_directory, order=5)
        registry.register_personal_data(
            PersonalData(
                name="acteurs",
                export=personal_data.export_suggestions,
                erase=personal_data.erase_suggestions,
            )
        )
