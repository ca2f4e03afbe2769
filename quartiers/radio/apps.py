from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "quartiers.radio"
    label = "radio"
    verbose_name = _("Web radio")

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

        from . import demo, exposure, personal_data, signals, views  # noqa: F401
        from . import selectors as contribution_selectors

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
        # "podcast.xml/": Wagtail's routing adds the final slash before
        # resolving, so /<p>/radio/podcast.xml resolves as "podcast.xml/".
        # Shows and episodes declare their own routes (podcast.xml,
        # chapitres.json, transcription.vtt) on their page models.
        for route in (
            SectionRoute("radio", "podcast.xml/", views.portal_feed, "radio_podcast"),
            SectionRoute(
                "participer", "temoignage/", views.testimony, "radio_testimony"
            ),
            SectionRoute(
                "participer",
                "temoignage/envoye/<int:episode_id>/",
                views.testimony_sent,
                "radio_testimony_sent",
            ),
        ):
            registry.register_route(route)
        registry.register_participation_link(
            ParticipationLink(
                key="temoignage",
                title=_("Enregistrer un témoignage"),
                description=_(
                    "Racontez de vive voix, avec votre téléphone : un souvenir, un coup de cœur, un coup de gueule. Après écoute, il passe à la radio du quartier."
                ),
                route_name="radio_testimony",
                order=30,
            )
        )
        registry.register_home_block(
            HomeBlock(
                key="radio",
                template="radio/includes/home_block.html",
                context=views.home_block_context,
                order=40,
            )
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="testimony",
                label=_("Témoignages"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=60,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="radio",
                export=personal_data.export_testimonies,
                erase=personal_data.erase_testimonies,
                files=personal_data.testimony_files,
            )
        )
        registry.register_demo_seeder("radio", demo.seed_radio, order=40)
        registry.register_content_kind(exposure.EPISODE_KIND)
