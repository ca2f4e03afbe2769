from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "quartiers.federation"
    label = "federation"
    verbose_name = _("Fédération (ActivityPub)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from quartiers.portals.features import registry

        from . import services, signals

        # A new portal gets its key pair with the rest of its setup.
        registry.register_portal_setup("federation", services.portal_setup)
        signals.connect()
