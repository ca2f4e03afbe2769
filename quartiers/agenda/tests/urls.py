"""The project's URLs plus the one line agenda.ics needs (asked of config/urls.py).

Wagtail's catch-all pattern only takes path segments made of letters, digits
and dashes, so /<p>/agenda.ics and /<p>/agenda/<slug>.ics never reach the
page tree; this route hands them to Wagtail's own serve view.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

from quartiers.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.ics)$", wagtail_views.serve),
    *project_urlpatterns,
]
