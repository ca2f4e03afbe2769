from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    name = "quartiers.blogs"
    label = "blogs"
    verbose_name = _("Blogs d'habitants")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

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
