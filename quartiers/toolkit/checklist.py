"""The first steps of a new portal, for its animator.

Each step says what to do, where to do it and, when that is cheap to see,
how to notice that it is done (one small query at most). The database only
remembers which steps the animator ticked.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from quartiers.accounts.models import Membership
from quartiers.portals import visibility
from quartiers.portals.features import registry
from quartiers.portals.models import Portal
from quartiers.portals.services import PortalTheme

FIRST_RESIDENTS = 3
COMMITTEE_GUIDE_SLUG = "animer-un-comite-de-redaction"


@dataclass(frozen=True)
class Step:
    key: str
    label: Any
    help: Any
    # url(portal) -> where to do it, or "" when there is no single place.
    url: Callable[[Portal], str]
    # done(portal) -> True when the portal shows it is done (None: ticked by hand).
    done: Callable[[Portal], bool] | None = None


def _admin(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _has_published(kind_key: str) -> Callable[[Portal], bool] | None:
    # Through the content-kind registry, so this app needs neither the agenda
    # nor the radio; a kind nobody registered leaves the step to be ticked.
    def done(portal: Portal) -> bool:
        kind = registry.content_kind(kind_key)
        return kind is not None and visibility.visible(portal, kind).exists()

    return done


def _article_published(portal: Portal) -> bool:
    from quartiers.newsroom import selectors as newsroom_selectors

    if not portal.home_page_id:
        return False
    return newsroom_selectors.live_articles(portal).exists()


def _presented(portal: Portal) -> bool:
    return bool(portal.presentation.strip()) and portal.logo_id is not None


def _own_colors(portal: Portal) -> bool:
    default = PortalTheme()
    return (portal.primary_color.lower(), portal.accent_color.lower()) != (
        default.primary_color,
        default.accent_color,
    )


def _first_residents(portal: Portal) -> bool:
    residents = Membership.objects.filter(portal=portal, role=Membership.RESIDENT)
    return residents[:FIRST_RESIDENTS].count() >= FIRST_RESIDENTS


STEPS: list[Step] = [
    Step(
        "presentation",
        _("Compléter la présentation et le logo"),
        _("Deux ou trois phrases qui donnent envie, et le logo du quartier."),
        lambda portal: _admin("quartiers_admin:settings", portal.pk),
        _presented,
    ),
    Step(
        "couleurs",
        _("Choisir les couleurs du quartier"),
        _("Une couleur principale et une couleur d'accent, lisibles sur du blanc."),
        lambda portal: _admin("quartiers_admin:settings", portal.pk),
        _own_colors,
    ),
    Step(
        "habitants",
        _("Inviter les premiers habitants"),
        _(
            "Affiches, réunion de locataires, bouche-à-oreille : trois habitants "
            "inscrits, et c'est parti."
        ),
        lambda portal: _admin("quartiers_admin:members", portal.pk),
        _first_residents,
    ),
    Step(
        "guide-comite",
        _("Lire le guide du comité de rédaction"),
        _("Comment réunir les habitants pour décider ensemble de ce qu'on publie."),
        lambda portal: _admin("toolkit_admin:guide", COMMITTEE_GUIDE_SLUG),
    ),
    Step(
        "premier-article",
        _("Publier un premier article"),
        _("Un portrait ou un compte rendu : partez d'un modèle de la boîte à outils."),
        lambda portal: _admin("toolkit_admin:index") + "#modeles",
        _article_published,
    ),
    Step(
        "premiere-emission",
        _("Programmer une première émission"),
        _("Une émission de radio courte, enregistrée avec un téléphone suffit."),
        lambda portal: (
            _admin("wagtailadmin_explore", portal.home_page_id)
            if portal.home_page_id
            else ""
        ),
        _has_published("episode"),
    ),
    Step(
        "premier-evenement",
        _("Proposer un premier événement"),
        _("Une fête, une permanence, un atelier : l'agenda fait venir du monde."),
        lambda portal: _admin("wagtailsnippets_agenda_event:add"),
        _has_published("event"),
    ),
    Step(
        "widget",
        _("Installer le widget chez un partenaire"),
        _(
            "Le centre social, la médiathèque ou le bailleur affichent les "
            "nouvelles du quartier sur leur site."
        ),
        lambda portal: f"{portal.get_absolute_url()}widgets/",
    ),
]
STEP_KEYS = [step.key for step in STEPS]
