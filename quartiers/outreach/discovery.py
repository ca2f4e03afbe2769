"""Which feeds a page announces (<link rel="alternate">), and the list of a
portal's feeds shown to people.

Worked out from the address and the template context alone: announcing
feeds costs no query.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from quartiers.portals.features import registry

# Sections that have a feed (their route is <section>/rss.xml).
FEED_SECTIONS = (
    "journal",
    "blogs",
    "annonces",
    "agenda",
    "acteurs",
    "infos-pratiques",
    "radio",
    "tv",
)
# First segments under /blogs/ and /acteurs/ that are screens, not a blog or
# an actor.
NOT_A_BLOG = {"ouvrir", "mon-blog"}


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str  # address of the RSS feed; the Atom one ends in atom.xml

    @property
    def atom_path(self) -> str:
        return self.path[: -len("rss.xml")] + "atom.xml"


def portal_feeds(portal, root: str) -> list[FeedLink]:
    """The portal's everything-new feed and one per section it shows."""
    links = [
        FeedLink(
            _("Tout le quartier %(name)s") % {"name": portal.name}, f"{root}rss.xml"
        )
    ]
    for key in FEED_SECTIONS:
        section = registry.section(key)
        if section is not None and portal.section_enabled(key):
            links.append(
                FeedLink(
                    f"{section.title} — {portal.name}", f"{root}{section.slug}/rss.xml"
                )
            )
    return links


def _segments(request) -> list[str]:
    root = getattr(request, "portal_root", "/")
    path = request.path
    if not path.startswith(root):
        return []
    return [part for part in path[len(root) :].split("/") if part]


def page_feeds(context) -> list[FeedLink]:
    """The feeds announced by the page being rendered, most specific first."""
    request = context.get("request")
    portal = getattr(request, "portal", None) if request is not None else None
    if portal is None:
        return [FeedLink(_("Avis de Quartiers — tous les quartiers"), "/rss.xml")]
    root = getattr(request, "portal_root", f"/{portal.slug}/")
    everything = FeedLink(
        _("Tout le quartier %(name)s") % {"name": portal.name}, f"{root}rss.xml"
    )
    actor = actor_feed(context)
    if actor is not None:
        return [actor, everything]
    segments = _segments(request)
    section = next(
        (
            s
            for s in registry.sections()
            if segments and s.slug == segments[0] and s.key in FEED_SECTIONS
        ),
        None,
    )
    if section is None or not portal.section_enabled(section.key):
        return [everything]
    base = f"{root}{section.slug}/"
    links = [FeedLink(f"{section.title} — {portal.name}", f"{base}rss.xml")]
    specific = _specific_feed(context, section.key, segments, base)
    if specific is not None:
        links.insert(0, specific)
    return [*links, everything]


def _specific_feed(context, key: str, segments: list[str], base: str):
    if key == "journal":
        rubrique = context.get("current_rubrique")
        if rubrique is not None:
            return FeedLink(
                _("Rubrique %(name)s") % {"name": rubrique.name},
                f"{base}rubriques/{rubrique.slug}/rss.xml",
            )
    elif key == "blogs" and len(segments) > 1 and segments[1] not in NOT_A_BLOG:
        blog = context.get("blog") or context.get("page")
        title = getattr(blog, "title", "") or segments[1]
        return FeedLink(title, f"{base}{segments[1]}/rss.xml")
    elif key == "annonces":
        kind, label = context.get("kind"), context.get("kind_label")
        if kind and label:
            return FeedLink(
                _("Annonces : %(kind)s") % {"kind": label}, f"{base}{kind}/rss.xml"
            )
    return None


def actor_feed(context) -> FeedLink | None:
    """An actor's page announces the actor's own feed."""
    actor = context.get("actor")
    request = context.get("request")
    portal = getattr(request, "portal", None)
    if actor is None or portal is None or actor.portal_id != portal.pk:
        return None
    root = getattr(request, "portal_root", f"/{portal.slug}/")
    return FeedLink(actor.name, f"{root}acteurs/{actor.slug}/rss.xml")
