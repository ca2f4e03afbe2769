"""Personal screens (under /compte/suivi/, never kept by the page cache)."""

from django.urls import path

from . import views

app_name = "lettre"

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/<str:token>/", views.preferences_token, name="preferences_token"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "participation/<str:token>/",
        views.attendance_cancel,
        name="attendance_cancel",
    ),
]
