"""The project's URLs, with the route the radio needs from config/urls.py
repeated: Wagtail's own pattern refuses a path with a dot, so podcast feeds
(/<p>/radio/podcast.xml, /<p>/radio/<show>/podcast.xml), chapters
(chapitres.json) and transcripts (transcription.vtt) are handed to Wagtail's
serve view by this route."""

from django.urls import re_path
from wagtail import views as wagtail_views

from quartiers.config.urls import urlpatterns as project_urlpatterns

# Just before Wagtail's catch-all, like the ".ics" one: after /medias/, whose
# addresses end in ".json" and ".mp3" too.
urlpatterns = [
    *project_urlpatterns[:-1],
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|xml|json|vtt))$", wagtail_views.serve),
    project_urlpatterns[-1],
]
