# First path segments that belong to the platform itself; a portal slug may
# never take one of them, or it would shadow a top-level URL.
RESERVED_SLUGS = frozenset(
    {
        "admin", "django-admin", "compte", "comptes", "api", "static", "media",
        "documents", "images", "i18n", "langue", "recherche", "rss.xml", "atom.xml",
        "sitemap.xml", "robots.txt", "favicon.ico", "widgets", "oembed", "reseau",
        "boite-a-outils", "tableau-de-bord", "healthz", "sante", "accounts",
        "login", "logout", "aide", "confidentialite", "mentions-legales", "_util",
        "cms", "www", "participer", "portails", "quartiers", "feeds", "well-known",
        ".well-known", "ap", "activitypub", "nodeinfo", "users", "inbox",
    }
)

MODERATION_BEFORE = "before"
MODERATION_AFTER = "after"
