"""The project's URLs plus /medias/, until the project includes them."""

from django.urls import include, path

from quartiers.config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("medias/", include("quartiers.uploads.urls")),
    *project_urlpatterns,
]
