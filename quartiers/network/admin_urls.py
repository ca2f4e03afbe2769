from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.shares_index, name="index"),
    path("page/<int:page_id>/", admin_views.share_page, name="share_page"),
    path("evenement/<int:event_id>/", admin_views.share_event, name="share_event"),
    path(
        "propositions/<int:proposal_id>/<slug:decision>/",
        admin_views.proposal_decide,
        name="decide",
    ),
    path("<int:share_id>/retirer/", admin_views.share_withdraw, name="withdraw"),
]
