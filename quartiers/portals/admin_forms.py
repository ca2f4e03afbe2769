"""Editor forms of the portal pages."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def home_slug_locked_message() -> str:
    return _(
        "L'adresse d'un portail ne se change pas depuis sa page d'accueil : la "
        "coordination du réseau la change depuis l'écran « Mon quartier », qui "
        "redirige les anciennes adresses vers la nouvelle."
    )


class PortalHomePageForm(WagtailAdminPageForm):
    """The portal home's slug is shown but cannot be edited here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and self.instance.pk is not None:
            # A disabled field keeps the stored value whatever is posted.
            slug.disabled = True
            slug.help_text = home_slug_locked_message()
