from django.urls import path

from . import admin_views

app_name = "moderation_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    # /commentaires/<id>/decider/, /signalements/<id>/decider/, /annonces/...:
    # one address per item, whatever its kind.
    path(
        "<slug:kind>/<str:object_id>/decider/",
        admin_views.decide,
        name="decide",
    ),
]
