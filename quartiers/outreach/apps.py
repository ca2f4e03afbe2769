from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "quartiers.outreach"
    label = "outreach"
    verbose_name = _("Diffusion : flux, widgets, oEmbed")

    def ready(self) -> None:
        from . import routes

        routes.register()
