"""Stable addresses of converted sound and video: /medias/<uid>/...

Included by the project at "medias/". Partners and podcast apps keep these
addresses: do not rename them.
"""

from django.urls import path, re_path

from . import views

app_name = "uploads"

urlpatterns = [
    path("<uuid:uid>/audio.mp3", views.audio, name="audio"),
    path("<uuid:uid>/720.mp4", views.video_720, name="video_720"),
    path("<uuid:uid>/360.mp4", views.video_360, name="video_360"),
    path("<uuid:uid>/poster.jpg", views.poster, name="poster"),
    path("<uuid:uid>/hls/master.m3u8", views.hls_master, name="hls_master"),
    re_path(
        r"^(?P<uid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
        r"/hls/(?P<variant>\d{3,4})/(?P<name>[\w.]{1,40})$",
        views.hls_file,
        name="hls_file",
    ),
    path("<uuid:uid>/original", views.original, name="original"),
    path("<uuid:uid>/etat.json", views.status, name="status"),
    path("<uuid:uid>/relancer/", views.retry, name="retry"),
]
