"""The project's URLs with the network-wide search in front of Wagtail's
catch-all (the line asked of config/urls.py)."""

from django.urls import include, path

from quartiers.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("recherche/", include("quartiers.search.urls")),
    *project_urlpatterns,
]
