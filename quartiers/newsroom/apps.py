from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "quartiers.newsroom"
    label = "newsroom"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

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
