from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "quartiers.directory"
    label = "directory"
    verbose_name = _("Acteurs et infos pratiques")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

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
