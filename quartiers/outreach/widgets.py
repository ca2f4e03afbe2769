"""Widgets: small pages that partners put on their own sites in an <iframe>.

A widget is addressed by its kind and a few filters in the query string
(/<p>/widgets/evenements/?nombre=5&jours=30&theme=sombre). Filters are read
strictly: a wrong one answers 400 with a plain French sentence, never a
page of another portal and never an error page.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from quartiers.portals import visibility
from quartiers.portals.features import ExposedItem, registry

MAX_ITEMS = 20
DEFAULT_ITEMS = 5
MAX_DAYS = 365
DEFAULT_DAYS = 30
MAX_TEXT = 50
THEMES = {"clair": _("Clair"), "sombre": _("Sombre")}
SIZES = {
    "petit": (300, 420, _("Petit (300 × 420 pixels)")),
    "moyen": (400, 520, _("Moyen (400 × 520 pixels)")),
    "grand": (600, 640, _("Grand (600 × 640 pixels)")),
}
DEFAULT_SIZE = "moyen"


@dataclass(frozen=True)
class WidgetKind:
    slug: str  # in the address: /<p>/widgets/<slug>/
    title: object  # lazy
    description: object  # lazy, for the builder
    content_kind: str  # the ContentKind it shows ("" for the radio player)
    section_key: str
    filters: tuple[str, ...] = ()  # query parameters it reads
    list_path: str = ""  # the portal page it leads to ("journal/")
    single: bool = False  # shows one item (the latest episode or video)
    needs_actor: bool = False


WIDGET_KINDS = [
    WidgetKind(
        "articles",
        _("Derniers articles"),
        _("Les derniers articles du journal, d'une rubrique ou d'un mot-clé."),
        "article",
        "journal",
        ("rubrique", "motcle", "nombre"),
        "journal/",
    ),
    WidgetKind(
        "evenements",
        _("Prochains événements"),
        _("Les prochains événements de l'agenda."),
        "event",
        "agenda",
        ("categorie", "acteur", "nombre", "jours"),
        "agenda/",
    ),
    WidgetKind(
        "annonces",
        _("Dernières petites annonces"),
        _("Les dernières annonces, ou celles d'un seul type (dons, prêts…)."),
        "ad",
        "annonces",
        ("type", "nombre"),
        "annonces/",
    ),
    WidgetKind(
        "radio",
        _("La radio en direct"),
        _("Le lecteur de la radio et l'émission à l'antenne."),
        "",
        "radio",
        (),
        "radio/",
    ),
    WidgetKind(
        "episode",
        _("Dernier épisode de la radio"),
        _("Le dernier épisode publié, avec son lecteur."),
        "episode",
        "radio",
        (),
        "radio/",
        single=True,
    ),
    WidgetKind(
        "video",
        _("Dernière vidéo"),
        _("La dernière vidéo de la web TV, avec son lecteur."),
        "video",
        "tv",
        (),
        "tv/",
        single=True,
    ),
    WidgetKind(
        "acteur",
        _("Événements d'un acteur du quartier"),
        _("Les prochains événements d'une association, d'un service…"),
        "event",
        "agenda",
        ("acteur", "nombre", "jours"),
        "acteurs/",
        needs_actor=True,
    ),
]


def _radio_available() -> bool:
    try:
        from quartiers.radio.selectors import radio_now  # noqa: F401
    except ImportError:
        return False
    return True


def available_kinds(portal) -> list[WidgetKind]:
    """The widgets this portal can offer (its sections, the installed apps)."""
    kinds = []
    for kind in WIDGET_KINDS:
        if not portal.section_enabled(kind.section_key):
            continue
        if kind.content_kind and registry.content_kind(kind.content_kind) is None:
            continue
        if not kind.content_kind and not _radio_available():
            continue
        if kind.needs_actor and not portal.section_enabled("acteurs"):
            continue
        kinds.append(kind)
    return kinds


def widget_kind(slug: str) -> WidgetKind | None:
    return next((kind for kind in WIDGET_KINDS if kind.slug == slug), None)


# --- reading the filters -----------------------------------------------------


class WidgetError(Exception):
    """A filter that cannot be honoured; the message is shown as it is."""

    def __init__(self, message, field: str = ""):
        super().__init__(message)
        self.field = field  # the query parameter at fault, when there is one


@dataclass
class Choices:
    """What the filters may name on this portal (a few small queries)."""

    rubriques: dict = field(default_factory=dict)  # slug -> name
    categories: dict = field(default_factory=dict)  # slug -> name
    ad_kinds: dict = field(default_factory=dict)  # slug -> label
    actors: dict = field(default_factory=dict)  # slug -> LocalActor


def choices_for(portal, kind: WidgetKind | None = None) -> Choices:
    """The portal's rubriques, event categories, ad kinds and published
    actors; only what ``kind`` reads when it is given."""
    wanted = set(kind.filters) if kind else {"rubrique", "categorie", "type", "acteur"}
    found = Choices()
    if "rubrique" in wanted and portal.section_enabled("journal"):
        from quartiers.newsroom.models import Rubrique

        found.rubriques = dict(
            Rubrique.objects.filter(portal=portal).values_list("slug", "name")
        )
    if "categorie" in wanted and portal.section_enabled("agenda"):
        from quartiers.agenda.models import EventCategory

        found.categories = dict(
            EventCategory.objects.filter(portal=portal).values_list("slug", "name")
        )
    if "type" in wanted and portal.section_enabled("annonces"):
        from quartiers.classifieds.models import Ad

        found.ad_kinds = dict(Ad.KIND_CHOICES)
    if "acteur" in wanted and portal.section_enabled("acteurs"):
        from quartiers.directory.models import LocalActor

        found.actors = {
            actor.slug: actor
            for actor in LocalActor.objects.filter(
                portal=portal, status=LocalActor.PUBLISHED
            ).only("pk", "slug", "name", "portal_id")
        }
    return found


@dataclass
class WidgetQuery:
    kind: WidgetKind
    count: int = DEFAULT_ITEMS
    days: int = DEFAULT_DAYS
    theme: str = "clair"
    rubrique: str = ""
    tag: str = ""
    category: str = ""
    ad_kind: str = ""
    actor: object = None  # directory.LocalActor

    def params(self) -> dict:
        """The query string that gives this widget back (defaults left out)."""
        values = {
            "rubrique": self.rubrique,
            "motcle": self.tag,
            "categorie": self.category,
            "type": self.ad_kind,
            "acteur": self.actor.slug if self.actor is not None else "",
        }
        params = {k: v for k, v in values.items() if v and k in self.kind.filters}
        if "nombre" in self.kind.filters and self.count != DEFAULT_ITEMS:
            params["nombre"] = str(self.count)
        if "jours" in self.kind.filters and self.days != DEFAULT_DAYS:
            params["jours"] = str(self.days)
        if self.theme != "clair":
            params["theme"] = self.theme
        return params

    def query_string(self) -> str:
        params = self.params()
        return f"?{urlencode(params)}" if params else ""


def _bounded(value, *, name: str, low: int, high: int, default: int) -> int:
    if value in (None, ""):
        return default
    text = str(value).strip()
    if not text.isdigit() or len(text) > 6 or not low <= int(text) <= high:
        raise WidgetError(
            _("« %(name)s » doit être un nombre entier entre %(low)s et %(high)s.")
            % {"name": name, "low": low, "high": high},
            name,
        )
    return int(text)


def _text(value) -> str:
    return " ".join(str(value or "").split())[:MAX_TEXT]


def parse(portal, kind: WidgetKind, params, choices: Choices | None = None):
    """The widget asked for by ``params`` (a QueryDict), or WidgetError."""
    choices = choices or choices_for(portal, kind)
    query = WidgetQuery(kind=kind)
    query.theme = _text(params.get("theme")) or "clair"
    if query.theme not in THEMES:
        raise WidgetError(_("Le thème doit être « clair » ou « sombre »."), "theme")
    if "nombre" in kind.filters:
        query.count = _bounded(
            params.get("nombre"),
            name="nombre",
            low=1,
            high=MAX_ITEMS,
            default=DEFAULT_ITEMS,
        )
    if "jours" in kind.filters:
        query.days = _bounded(
            params.get("jours"),
            name="jours",
            low=1,
            high=MAX_DAYS,
            default=DEFAULT_DAYS,
        )
    if "rubrique" in kind.filters and params.get("rubrique"):
        query.rubrique = _text(params.get("rubrique"))
        if query.rubrique not in choices.rubriques:
            raise WidgetError(
                _("Cette rubrique n'existe pas dans ce quartier."), "rubrique"
            )
    if "motcle" in kind.filters:
        query.tag = _text(params.get("motcle"))
    if "categorie" in kind.filters and params.get("categorie"):
        query.category = _text(params.get("categorie"))
        if query.category not in choices.categories:
            raise WidgetError(
                _("Cette catégorie d'événements n'existe pas dans ce quartier."),
                "categorie",
            )
    if "type" in kind.filters and params.get("type"):
        query.ad_kind = _text(params.get("type"))
        if query.ad_kind not in choices.ad_kinds:
            raise WidgetError(_("Ce type d'annonce n'existe pas."), "type")
    if "acteur" in kind.filters:
        slug = _text(params.get("acteur"))
        if slug:
            query.actor = choices.actors.get(slug)
            if query.actor is None:
                raise WidgetError(
                    _("Cet acteur n'existe pas dans l'annuaire de ce quartier."),
                    "acteur",
                )
        elif kind.needs_actor:
            raise WidgetError(
                _("Choisissez l'acteur dont montrer les événements."), "acteur"
            )
    return query


# --- what a widget shows -----------------------------------------------------


def items(portal, query: WidgetQuery) -> list[ExposedItem]:
    """The items of a widget, in a constant number of queries."""
    kind = registry.content_kind(query.kind.content_kind)
    if kind is None or not portal.section_enabled(kind.section_key):
        return []
    queryset = visibility.visible(portal, kind)
    limit = 1 if query.kind.single else query.count
    if query.rubrique:
        queryset = queryset.filter(rubrique__slug=query.rubrique)
    if query.tag and kind.tag_lookup:
        tags = kind.tag_lookup.rsplit("__", 1)[0]
        queryset = queryset.filter(
            Q(**{f"{tags}__name__iexact": query.tag})
            | Q(**{f"{tags}__slug": slugify(query.tag)})
        ).distinct()
    if query.ad_kind:
        queryset = queryset.filter(kind=query.ad_kind)
    if kind.key == "event":
        if query.category:
            queryset = queryset.filter(category__slug=query.category)
        if query.actor is not None:
            queryset = queryset.filter(
                Q(place_actor=query.actor) | Q(organiser_actor=query.actor)
            )
        horizon = timezone.now() + timedelta(days=query.days)
        queryset = queryset.filter(next_start__lte=horizon).order_by(
            F("next_start").asc(nulls_last=True), "pk"
        )
    return [kind.to_item(row) for row in queryset[:limit]]
