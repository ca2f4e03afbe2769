from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("bloquer/", admin_views.block_domain_network, name="block_network"),
    path("<int:portal_id>/", admin_views.portal_page, name="portal"),
    path(
        "<int:portal_id>/reponses/<int:reply_id>/",
        admin_views.reply_decide,
        name="reply_decide",
    ),
    path(
        "<int:portal_id>/reponses/<int:reply_id>/repondre/",
        admin_views.reply_answer,
        name="reply_answer",
    ),
    path(
        "<int:portal_id>/propositions/<int:share_id>/",
        admin_views.share_decide,
        name="share_decide",
    ),
    path("<int:portal_id>/suivre/", admin_views.follow_remote, name="follow"),
    path("<int:portal_id>/bloquer/", admin_views.block_domain, name="block"),
]
