from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    # "search", not Wagtail's "wagtailsearch" (nor modelsearch's label).
    name = "quartiers.search"
    label = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from quartiers.portals.features import SectionRoute, registry

        from . import views

        # /<p>/recherche/ hangs from the portal home, on /<slug>/ and on a
        # portal's own domain alike.
        registry.register_route(
            SectionRoute("home", "recherche/", views.portal_search, "search")
        )
