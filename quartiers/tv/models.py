from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class TvIndexPage(SectionPage):
    section_key = "tv"

    class Meta:
        verbose_name = _("rubrique TV")
