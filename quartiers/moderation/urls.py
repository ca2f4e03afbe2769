from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    # <str:> on purpose: a malformed id or kind gets our French 404.
    path("signaler/<str:kind>/<str:object_id>/", views.report, name="report"),
    path(
        "reexamen/<str:kind>/<str:object_id>/",
        views.review_request,
        name="review_request",
    ),
]
