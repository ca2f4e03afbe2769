"""The network-wide search. Include before Wagtail's catch-all:
``path("recherche/", include("quartiers.search.urls"))``."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [path("", views.network_search, name="network")]
