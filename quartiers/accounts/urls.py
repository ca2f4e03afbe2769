from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/rejoindre/", views.join_portal, name="join"),
    path("mes-donnees/", views.personal_data, name="personal_data"),
    path("supprimer/", views.delete_account, name="delete"),
]
