from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views.serve import authenticate_with_password
from wagtail.views import serve as wagtail_serve

from quartiers.accounts.views import PortalSignupView
from quartiers.core import devmail, health
from quartiers.core import views as core_views
from quartiers.core.language import choose_language
from quartiers.newsroom.audio import submission_audio
from quartiers.uploads import documents, serving

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document addresses, answered as downloads that never run
    # in our origin (see quartiers/uploads/documents.py).
    re_path(r"^documents/(\d+)/(.*)$", documents.serve, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("langue/", choose_language, name="set_language"),
    # Follows, notifications, unsubscribing (quartiers/lettre/).
    path("compte/suivi/", include("quartiers.lettre.urls")),
    path("compte/signup/", PortalSignupView.as_view(), name="account_signup"),
    path("compte/invitation/", include("quartiers.accounts.invitation_urls")),
    path("compte/", include("quartiers.accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("reactions/", include("quartiers.comments.urls")),
    path("reactions/", include("quartiers.moderation.urls")),
    path("api/v1/", include("quartiers.api.urls")),
    path(
        "medias/propositions/<int:submission_id>/son",
        submission_audio,
        name="submission_audio",
    ),
    path("medias/", include("quartiers.uploads.urls")),
    path("recherche/", include("quartiers.search.urls")),
    # WebFinger, NodeInfo, portals' ActivityPub actors and inboxes.
    path("", include("quartiers.federation.urls")),
    path("favicon.ico", core_views.favicon),
    # For load balancers and monitoring (quartiers/core/health.py).
    path("sante/", health.health, name="health"),
    path("healthz", health.health),
    # The demo's outbox (404 unless the dev settings keep emails there).
    path("dev/courriels/", devmail.outbox, name="dev_outbox"),
    path("dev/courriels/<str:name>/", devmail.outbox_email, name="dev_outbox_email"),
]

if settings.QUARTIERS_SERVE_MEDIA:
    # Only for `make run` and tests; in production the web server serves
    # them with the same rules (deploy/nginx.conf).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serving.public_media)]

urlpatterns += [
    # /rss.xml, /atom.xml, /sitemap.xml, /robots.txt, /oembed/ of the network.
    path("", include("quartiers.outreach.urls")),
    # Wagtail's own pattern refuses paths with a dot; calendar files and feeds
    # (/<p>/agenda.ics, /<p>/rss.xml, /<p>/radio/podcast.xml, chapters .json and
    # transcripts .vtt of episodes) are page routes.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|xml|json|vtt))$", wagtail_serve),
    path("", include(wagtail_urls)),
]
