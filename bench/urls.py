"""The project's URLs, with the network-wide search in front (a no-op once
config/urls.py includes it)."""

from django.urls import include, path

from quartiers.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("recherche/", include("quartiers.search.urls")),
    *project_urlpatterns,
]
