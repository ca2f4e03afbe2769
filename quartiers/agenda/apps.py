from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "quartiers.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

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
