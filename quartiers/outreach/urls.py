"""Network-wide addresses of outreach (included in config/urls.py before
Wagtail's catch-all): feeds of every portal, sitemaps, robots.txt, oEmbed."""

from django.urls import path

from . import feeds, oembed, sitemaps

app_name = "outreach"

urlpatterns = [
    path("rss.xml", feeds.network_feed_view, {"fmt": "rss"}, name="network_rss"),
    path("atom.xml", feeds.network_feed_view, {"fmt": "atom"}, name="network_atom"),
    path("sitemap.xml", sitemaps.network_sitemap, name="sitemap"),
    path("sitemap-reseau.xml", sitemaps.hub_sitemap, name="hub_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("oembed/", oembed.oembed, name="oembed"),
]
