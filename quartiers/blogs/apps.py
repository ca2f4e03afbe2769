from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    name = "quartiers.blogs"
    label = "blogs"
    verbose_name = _("Blogs d'habitants")

    def ready(self) -> None:
        from quartiers.accounts import contributions
        from quartiers.portals.features import (
            ParticipationLink,
            PersonalData,
            Section,
            SectionRoute,
            registry,
        )

        from . import demo, exposure, personal_data, signals, views  # noqa: F401
        from . import selectors as contribution_selectors

        exposure.register()

        registry.register_section(
            Section(
                key="blogs",
                slug="blogs",
                title=_("Blogs"),
                page_model="blogs.BlogIndexPage",
                summary=_("Les carnets que tiennent les habitants du quartier."),
                empty_message=_(
                    "Aucun blog pour l'instant. Créez un compte pour ouvrir le vôtre."
                ),
                order=20,
            )
        )
        for route in (
            SectionRoute("blogs", "ouvrir/", views.blog_open, "blogs_open"),
            SectionRoute("blogs", "mon-blog/", views.my_blog, "blogs_mine"),
            SectionRoute(
                "blogs",
                "mon-blog/nouveau-billet/",
                views.post_create,
                "blogs_post_create",
            ),
            SectionRoute(
                "blogs",
                "mon-blog/billets/<int:post_id>/modifier/",
                views.post_edit,
                "blogs_post_edit",
            ),
        ):
            registry.register_route(route)
        registry.register_demo_seeder("blogs", demo.seed_blogs, order=20)
        registry.register_participation_link(
            ParticipationLink(
                key="blog",
                title=_("Tenir mon blog"),
                description=_(
                    "Un carnet à vous dans le quartier : racontez, photographiez, partagez, à votre rythme."
                ),
                route_name="blogs_mine",
                section_key="blogs",
                order=20,
            )
        )
        contributions.register_source(
            contributions.ContributionSource(
                key="post",
                label=_("Billets de blog"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=40,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="blogs",
                export=personal_data.export_blogs,
                erase=personal_data.erase_blogs,
                files=personal_data.blog_files,
            )
        )
