from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    # <str:> so that a malformed id gets our French 404, not the generic one.
    path("pages/<str:page_id>/commenter/", views.comment_create, name="create"),
]
