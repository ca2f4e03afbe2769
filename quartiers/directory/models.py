from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class DirectoryIndexPage(SectionPage):
    section_key = "acteurs"

    class Meta:
        verbose_name = _("rubrique Acteurs du quartier")


class PracticalInfoIndexPage(SectionPage):
    section_key = "infos-pratiques"

    class Meta:
        verbose_name = _("rubrique Infos pratiques")
