from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.dashboard, name="dashboard"),
    path("<int:portal_id>/", admin_views.portal_dashboard, name="portal"),
]
