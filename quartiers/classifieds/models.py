from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class ClassifiedsIndexPage(SectionPage):
    section_key = "annonces"

    class Meta:
        verbose_name = _("rubrique Petites annonces")
