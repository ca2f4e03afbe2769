from django.urls import path

from . import invitations

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitations.accept, name="accept"),
]
