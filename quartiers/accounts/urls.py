from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Served here before allauth's own views at the same addresses.
    path("login/code/", views.RequestLoginCodeView.as_view()),
    path("login/code/confirm/", views.confirm_login_code),
    path("profil/", views.profile, name="profile"),
    path("contributions/", views.my_contributions, name="contributions"),
    path("profil/rejoindre/", views.join_portal, name="join"),
    path("mes-donnees/", views.personal_data, name="personal_data"),
    path("supprimer/", views.delete_account, name="delete"),
]
