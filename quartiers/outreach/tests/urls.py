"""The project's URLs (config/urls.py includes outreach's own and hands
/<p>/…/rss.xml to Wagtail); kept so the tests name their URL conf explicitly."""

from quartiers.config.urls import urlpatterns  # noqa: F401
