from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifiedsConfig(AppConfig):
    name = "quartiers.classifieds"
    label = "classifieds"
    verbose_name = _("Petites annonces")

    def ready(self) -> None:
        from quartiers.portals.features import Section, registry

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
