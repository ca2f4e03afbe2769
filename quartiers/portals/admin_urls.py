from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.portal_index, name="index"),
    path("nouveau/", admin_views.portal_create, name="create"),
    path("<int:portal_id>/reglages/", admin_views.portal_settings, name="settings"),
    path("<int:portal_id>/adresse/", admin_views.portal_address, name="address"),
    path("<int:portal_id>/membres/", admin_views.member_list, name="members"),
    path(
        "<int:portal_id>/membres/<int:membership_id>/role/",
        admin_views.member_role,
        name="member_role",
    ),
    path(
        "<int:portal_id>/membres/<int:membership_id>/retirer/",
        admin_views.member_remove,
        name="member_remove",
    ),
]
