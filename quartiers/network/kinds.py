"""What can be shared, and which portal section each kind belongs to.

Pages are referenced generically (``wagtailcore.Page``): the page types are
named here by label, so an app that is not installed simply shares nothing.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .models import Share


@dataclass(frozen=True)
class ShareableKind:
    key: str
    label: object
    section_key: str
    page_model: str = ""  # "app_label.ModelName" for pages; "" for events


KINDS = {
    Share.ARTICLE: ShareableKind(
        Share.ARTICLE, _("Article"), "journal", "newsroom.ArticlePage"
    ),
    Share.EPISODE: ShareableKind(
        Share.EPISODE, _("Émission"), "radio", "radio.EpisodePage"
    ),
    Share.VIDEO: ShareableKind(Share.VIDEO, _("Vidéo"), "tv", "tv.VideoPage"),
    Share.EVENT: ShareableKind(Share.EVENT, _("Événement"), "agenda"),
}


def _page_model(kind: ShareableKind):
    if not kind.page_model:
        return None
    try:
        return apps.get_model(kind.page_model)
    except LookupError:
        return None


def kind_for_page_class(page_class) -> ShareableKind | None:
    """The kind of a page type, or None when that type cannot be shared."""
    for kind in KINDS.values():
        model = _page_model(kind)
        if model is not None and issubclass(page_class, model):
            return kind
    return None


def shareable_page_models() -> list:
    return [m for m in (_page_model(k) for k in KINDS.values()) if m is not None]


def label(kind_key: str):
    kind = KINDS.get(kind_key)
    return kind.label if kind else ""


def section_key(kind_key: str) -> str:
    kind = KINDS.get(kind_key)
    return kind.section_key if kind else ""
