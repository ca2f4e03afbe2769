from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage


class BlogIndexPage(SectionPage):
    section_key = "blogs"

    class Meta:
        verbose_name = _("rubrique Blogs")
