from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class AgendaIndexPage(SectionPage):
    section_key = "agenda"

    class Meta:
        verbose_name = _("rubrique Agenda")
