"""Where an indexed object belongs, written into its index entry.

Wagtail's index entries know a content type and an object id, not a portal.
To let the full-text engine itself narrow a search to one portal and one
kind (rather than matching the whole network and filtering afterwards), the
French backend adds scope words to each entry's ``autocomplete`` column:
``zzp12`` for portal 12 and ``zzk34`` for content type 34. Public search
looks for its words in ``title`` and ``body`` and for scope words in
``autocomplete``, so they never weigh in the ranking and never match what
people type (a prefix nobody writes followed by digits; queries do not read
that column).
"""

from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH

PORTAL_PREFIX = "zzp"
KIND_PREFIX = "zzk"


def portal_word(portal_id: int) -> str:
    return f"{PORTAL_PREFIX}{int(portal_id)}"


def kind_word(content_type_id: int) -> str:
    return f"{KIND_PREFIX}{int(content_type_id)}"


def portal_ids_of(objects: list) -> dict[int, int]:
    """{id(object): portal id} for a batch of objects about to be indexed.

    Objects with a ``portal_id`` (ads, events, actors, blogs...) say it
    themselves; pages are placed by their tree path, one query per batch.
    """
    from wagtail.models import Page

    from quartiers.portals.models import Portal

    found: dict[int, int] = {}
    paths: dict[int, str] = {}
    for obj in objects:
        portal_id = getattr(obj, "portal_id", None)
        if portal_id:
            found[id(obj)] = portal_id
        elif isinstance(obj, Page) and len(obj.path or "") >= PORTAL_HOME_PATH_LENGTH:
            paths[id(obj)] = obj.path[:PORTAL_HOME_PATH_LENGTH]
    if paths:
        by_path = dict(
            Portal.objects.filter(home_page__path__in=set(paths.values())).values_list(
                "home_page__path", "pk"
            )
        )
        for key, path in paths.items():
            if path in by_path:
                found[key] = by_path[path]
    return found
