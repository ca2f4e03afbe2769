from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class RadioIndexPage(SectionPage):
    section_key = "radio"

    class Meta:
        verbose_name = _("rubrique Radio")
