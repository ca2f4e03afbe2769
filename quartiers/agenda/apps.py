from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "quartiers.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

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

        from . import demo, exposure, personal_data, services, views
        from . import selectors as contribution_selectors

        exposure.register()

        registry.register_section(
            Section(
                key="agenda",
                slug="agenda",
                title=_("Agenda"),
                page_model="agenda.AgendaIndexPage",
                summary=_("Les événements à venir dans le quartier."),
                empty_message=_(
                    "Aucun événement prévu pour le moment. Vous organisez quelque chose ? Proposez-le."
                ),
                order=40,
            )
        )
        registry.register_portal_setup("agenda", services.portal_setup)
        registry.register_demo_seeder("agenda", demo.seed_agenda, order=15)
        registry.register_home_block(
            HomeBlock(
                key="agenda",
                template="agenda/includes/home_block.html",
                context=views.home_block_context,
                order=20,
            )
        )
        # Routes ending in ".ics/": Wagtail's routing always adds the final
        # slash before resolving, so /<p>/agenda.ics resolves as "agenda.ics/".
        # Order matters: fixed words before the event slug.
        for route in (
            SectionRoute("home", "agenda.ics/", views.portal_ics, "agenda_ics"),
            SectionRoute("agenda", "proposer/", views.propose, "agenda_propose"),
            SectionRoute("agenda", "archives/", views.archives, "agenda_archives"),
            SectionRoute(
                "agenda", "mois/<int:year>/<int:month>/", views.month, "agenda_month"
            ),
            SectionRoute(
                "agenda", "<slug:slug>.ics/", views.event_ics, "agenda_event_ics"
            ),
            SectionRoute("agenda", "<slug:slug>/", views.event_detail, "agenda_event"),
        ):
            registry.register_route(route)
        registry.register_participation_link(
            ParticipationLink(
                key="evenement",
                title=_("Annoncer un événement"),
                description=_(
                    "Une fête, un atelier, une réunion, un match : faites-le connaître dans l'agenda du quartier."
                ),
                route_name="agenda_propose",
                order=20,
                section_key="agenda",
            )
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="event",
                label=_("Événements"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=30,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="agenda",
                export=personal_data.export_events,
                erase=personal_data.erase_events,
            )
        )
        from quartiers.directory.extensions import register_actor_block

        register_actor_block(
            "agenda", "agenda/includes/actor_events.html", actor_events, order=10
        )


def actor_events(actor, request) -> dict | None:
    """The next dates at or by a local actor, for its directory page."""
    from . import selectors

    occurrences = selectors.upcoming_for_actor(actor, limit=5)
    return {"occurrences": occurrences} if occurrences else None
