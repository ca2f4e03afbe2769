from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "quartiers.portals"
    label = "portals"
    verbose_name = _("Portails")

    def ready(self) -> None:
        from wagtail.signals import pre_page_move

        from . import ownership
        from .features import Section, registry

        pre_page_move.connect(ownership.guard_page_move, dispatch_uid="portal-owner")
        # Every change to what the public sees invalidates the page cache.
        from . import pagecache

        pagecache.connect()
        # Every log entry names its portal, Wagtail's own included.
        from . import audit

        audit.connect_stamps()

        registry.register_section(
            Section(
                key="participer",
                slug="participer",
                title=_("Participer"),
                page_model="portals.ParticipatePage",
                summary=_(
                    "Le coin des habitants : proposer un article, une annonce, un "
                    "événement, enregistrer un témoignage."
                ),
                empty_message=_(
                    "Créez un compte pour proposer vos contributions ; l'équipe "
                    "d'animation vous accompagne."
                ),
                order=90,
            )
        )
