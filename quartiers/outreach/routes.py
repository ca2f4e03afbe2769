"""Outreach's addresses under each portal (/<p>/rss.xml, /<p>/widgets/...)."""

from quartiers.portals.features import SectionRoute, registry

# Sections whose app serves no feed of its own: outreach serves one built
# from the section's content kinds (journal, blogs, annonces and agenda serve
# theirs from their own feeds.py).
GENERIC_FEED_SECTIONS = ("acteurs", "infos-pratiques", "radio", "tv")


def register() -> None:
    from . import feeds, sitemaps, views

    for route in (
        SectionRoute("home", "<feed:fmt>.xml/", feeds.portal_feed, "outreach_feed"),
        SectionRoute(
            "home", "sitemap.xml/", sitemaps.portal_sitemap, "outreach_sitemap"
        ),
        SectionRoute("home", "widgets/", views.builder, "outreach_widgets"),
        SectionRoute(
            "home",
            "widgets/contenu/<slug:kind>/<int:item_id>/",
            views.embed,
            "outreach_embed",
        ),
        SectionRoute("home", "widgets/<slug:kind>/", views.widget, "outreach_widget"),
    ):
        registry.register_route(route)
    for section_key in GENERIC_FEED_SECTIONS:
        registry.register_route(
            SectionRoute(
                section_key,
                "<feed:fmt>.xml/",
                feeds.section_feed,
                f"outreach_{section_key}_feed",
            )
        )
