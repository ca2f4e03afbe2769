"""The project's URLs plus what outreach asks of config/urls.py.

Wagtail's catch-all pattern refuses a final segment with a dot, so feeds and
sitemaps (/<p>/rss.xml, /<p>/journal/atom.xml) are handed to Wagtail's serve
view by a regex; the network-wide addresses are outreach's own urls. Once
config/urls.py carries both, this module adds nothing.
"""

from django.urls import include, path, re_path
from wagtail import views as wagtail_views

from quartiers.config.urls import urlpatterns as project_urlpatterns

_included = any(
    getattr(pattern, "namespace", None) == "outreach" for pattern in project_urlpatterns
)

urlpatterns = [
    *([] if _included else [path("", include("quartiers.outreach.urls"))]),
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|xml))$", wagtail_views.serve),
    *project_urlpatterns,
]
