from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class JournalIndexPage(SectionPage):
    section_key = "journal"

    class Meta:
        verbose_name = _("rubrique Journal")
