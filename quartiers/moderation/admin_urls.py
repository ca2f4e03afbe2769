from django.urls import path

from . import admin_views

app_name = "moderation_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path(
        "commentaires/<str:comment_id>/decider/",
        admin_views.comment_decide,
        name="comment_decide",
    ),
    path(
        "signalements/<str:report_id>/decider/",
        admin_views.report_decide,
        name="report_decide",
    ),
]
