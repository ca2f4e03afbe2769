from django.urls import path

from . import views
from .addresses import ACTOR_SUFFIX

# No final slash: these addresses never meet a Wagtail page.
urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="federation_webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="federation_nodeinfo"),
    path("nodeinfo/2.1", views.nodeinfo, name="federation_nodeinfo_21"),
    path("inbox", views.shared_inbox, name="federation_shared_inbox"),
    path(f"<slug:slug>/{ACTOR_SUFFIX}", views.actor, name="federation_actor"),
    path(
        f"<slug:slug>/{ACTOR_SUFFIX}/inbox", views.portal_inbox, name="federation_inbox"
    ),
    path(f"<slug:slug>/{ACTOR_SUFFIX}/outbox", views.outbox, name="federation_outbox"),
    path(
        f"<slug:slug>/{ACTOR_SUFFIX}/followers",
        views.followers,
        name="federation_followers",
    ),
    path(
        f"<slug:slug>/{ACTOR_SUFFIX}/featured",
        views.featured,
        name="federation_featured",
    ),
    path(
        f"<slug:slug>/{ACTOR_SUFFIX}/notes/<int:note_id>",
        views.note,
        name="federation_note",
    ),
]
