from django.urls import path

from . import invitation_admin

app_name = "invitations_admin"

urlpatterns = [
    path("", invitation_admin.index, name="index"),
    path("<str:invitation_id>/annuler/", invitation_admin.cancel, name="cancel"),
    path(
        "quartier/<str:portal_id>/ouverture/",
        invitation_admin.open_portal,
        name="open_portal",
    ),
]
