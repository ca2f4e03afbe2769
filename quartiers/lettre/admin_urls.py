from django.urls import path

from . import admin_views

app_name = "lettre_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("quartier/<str:portal_id>/preparer/", admin_views.compose, name="compose"),
    path("lettres/<str:letter_id>/", admin_views.letter, name="letter"),
    path("lettres/<str:letter_id>/pdf/", admin_views.letter_pdf, name="letter_pdf"),
    path("evenements/<str:event_id>/", admin_views.registrations, name="registrations"),
    path(
        "evenements/<str:event_id>/participants.csv",
        admin_views.registrations_csv,
        name="registrations_csv",
    ),
]
