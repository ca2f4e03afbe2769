"""Demo sharing between the demo portals: accepted, pending and declined pieces.

Runs after each demo portal is seeded and plays the whole plan with the
portals that exist so far; every step is idempotent (an item has one active
share, a portal one proposal per share), so a second run adds nothing.
"""

import json
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quartiers.agenda import recurrence
from quartiers.agenda.models import Event, EventCategory
from quartiers.portals.models import Portal

from . import services
from .models import PortalGroup, Share, ShareProposal

ACCEPT, DECLINE = ShareProposal.ACCEPTED, ShareProposal.DECLINED

# Pieces written for sharing, so that the demo shows what only a neighbour
# has (every demo portal otherwise has the same journal and agenda).
# slug: (origin, rubrique, title, chapo, paragraphs)
ARTICLES = {
    "repair-cafe-ouvert-aux-voisins": (
        "hauts-pres",
        "solidarites",
        "Le repair café des Hauts-Prés ouvre ses portes aux quartiers voisins",
        "Grille-pain, vélos, téléphones : chaque premier samedi du mois, des "
        "bénévoles réparent avec vous au lieu de jeter. Les voisins des autres "
        "quartiers sont les bienvenus.",
        [
            "Le repair café est né il y a deux ans dans l'ancienne loge du gardien. "
            "Trois retraités bricoleurs, une couturière et un étudiant en "
            "électronique y accueillent chaque mois une trentaine de personnes.",
            "« On ne répare pas à votre place, on répare avec vous. Les gens "
            "repartent contents d'avoir appris quelque chose », explique Gérard, "
            "l'un des fondateurs.",
            "Depuis la rentrée, l'équipe reçoit aussi les habitants des quartiers "
            "voisins. Venez avec l'objet en panne et, si possible, sa notice.",
        ],
    ),
    "notre-radio-en-six-mois": (
        "peupliers",
        "jeunesse",
        "Comment nous avons lancé la radio du quartier en six mois",
        "Un micro prêté par la médiathèque, une pièce du centre social et dix "
        "bénévoles : l'équipe de la Cité des Peupliers raconte ses débuts, pour "
        "que d'autres quartiers se lancent à leur tour.",
        [
            "Tout a commencé par une émission enregistrée au téléphone, lors de la "
            "fête des voisins. Elle a été écoutée plus de quatre cents fois en une "
            "semaine.",
            "« Le plus dur, ce n'est pas la technique, c'est de trouver un rendez-"
            "vous régulier que tout le monde peut tenir », raconte Nadia, qui anime "
            "l'émission du mercredi.",
            "L'équipe partage ses conseils : commencer court, enregistrer dehors, "
            "et toujours demander l'accord des personnes interviewées.",
        ],
    ),
    "jeunes-reporters-cherchent-correspondants": (
        "grands-chenes",
        "jeunesse",
        "Nos jeunes reporters cherchent des correspondants dans les autres quartiers",
        "Les collégiens de l'atelier journal des Grands Chênes veulent échanger "
        "avec des jeunes d'autres quartiers pour une série de portraits croisés.",
        [
            "Chaque mercredi, huit collégiens préparent leurs interviews à la "
            "maison de quartier. Ils ont déjà fait le portrait du boulanger et de "
            "la gardienne de l'école.",
            "« On aimerait savoir comment ça se passe ailleurs, si les jeunes ont "
            "les mêmes envies que nous », dit Yanis, 13 ans.",
            "Les équipes d'animation intéressées peuvent écrire à la maison de "
            "quartier des Grands Chênes.",
        ],
    ),
    "conseil-citoyen-obtient-un-bus-le-dimanche": (
        "la-source",
        "vie-du-quartier",
        "Le conseil citoyen de La Source obtient un bus le dimanche",
        "Après un an de pétitions et de réunions, la ligne qui relie le quartier "
        "au centre-ville roulera aussi le dimanche. Retour sur une mobilisation "
        "qui peut inspirer d'autres quartiers.",
        [
            "Tout est parti d'un constat simple : le dimanche, impossible d'aller "
            "à l'hôpital ou au marché du centre sans voiture.",
            "« Nous avons compté les habitants concernés, porte par porte. Les "
            "chiffres ont convaincu », raconte Mme Traoré, membre du conseil "
            "citoyen.",
            "Le premier bus du dimanche partira de l'arrêt Source-Centre à 8 h 30.",
        ],
    ),
}

# title: (origin, category, days from today, hour, place, description)
EVENTS = {
    "Tournoi de futsal inter-quartiers": (
        "val-fleuri",
        "sport",
        16,
        14,
        "Gymnase du Val Fleuri",
        "Huit équipes de jeunes de tout le réseau s'affrontent dans la bonne "
        "humeur. Inscription des équipes auprès de l'animation du Val Fleuri ; "
        "supporters bienvenus, goûter offert.",
    ),
    "Rencontre des médias de quartier": (
        "peupliers",
        "atelier",
        24,
        10,
        "Centre social des Peupliers",
        "Une matinée pour les bénévoles et les équipes d'animation de tous les "
        "quartiers : échanges de pratiques, atelier d'écriture et repas partagé.",
    ),
}

# origin, ("article", slug) or ("event", title), targets ("*" = the whole
# network), audience, note, decisions by receiving portal (others stay pending)
PLAN = [
    (
        "peupliers",
        ("article", "notre-radio-en-six-mois"),
        "*",
        Share.AUDIENCE_PUBLIC,
        "Notre expérience de radio, avec nos conseils pour démarrer. N'hésitez "
        "pas à nous appeler si vous vous lancez !",
        {
            "hauts-pres": ACCEPT,
            "val-fleuri": ACCEPT,
            "grands-chenes": ACCEPT,
            "la-source": DECLINE,
        },
    ),
    (
        "hauts-pres",
        ("article", "repair-cafe-ouvert-aux-voisins"),
        ["peupliers", "jardins-du-canal"],
        Share.AUDIENCE_NETWORK,
        "Le repair café accueille aussi vos habitants : c'est à dix minutes en "
        "bus de chez vous.",
        {"peupliers": ACCEPT},
    ),
    (
        "val-fleuri",
        ("event", "Tournoi de futsal inter-quartiers"),
        ["peupliers", "hauts-pres"],
        Share.AUDIENCE_PUBLIC,
        "Il reste de la place pour deux équipes : faites passer le mot à vos jeunes !",
        {"peupliers": ACCEPT, "hauts-pres": DECLINE},
    ),
    (
        "peupliers",
        ("event", "Rencontre des médias de quartier"),
        "*",
        Share.AUDIENCE_NETWORK,
        "Toutes les équipes d'animation et leurs bénévoles sont invitées.",
        {"hauts-pres": ACCEPT, "plateau-des-lilas": ACCEPT},
    ),
    (
        "grands-chenes",
        ("article", "jeunes-reporters-cherchent-correspondants"),
        ["peupliers"],
        Share.AUDIENCE_PORTAL,
        "Vos jeunes de la radio seraient parfaits pour ces portraits croisés.",
        {},
    ),
    (
        "hauts-pres",
        ("episode", ""),
        ["peupliers", "val-fleuri"],
        Share.AUDIENCE_NETWORK,
        "Notre dernier épisode : vos habitants s'y reconnaîtront sûrement.",
        {"peupliers": ACCEPT},
    ),
    (
        "val-fleuri",
        ("video", ""),
        ["peupliers"],
        Share.AUDIENCE_PUBLIC,
        "Une vidéo tournée par nos jeunes, à partager si elle vous plaît.",
        {"peupliers": ACCEPT},
    ),
    (
        "la-source",
        ("article", "conseil-citoyen-obtient-un-bus-le-dimanche"),
        ["bois-joli"],
        Share.AUDIENCE_PUBLIC,
        "Vous aviez le même problème de bus : voici comment nous avons fait.",
        {"bois-joli": ACCEPT},
    ),
]


def _animator(portal: Portal):
    User = get_user_model()
    return (
        User.objects.filter(email=f"animation.{portal.slug}@example.org").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _article(portal: Portal, slug: str):
    """The demo article to share, written in its origin's journal once."""
    from quartiers.newsroom import selectors as newsroom_selectors
    from quartiers.newsroom.models import ArticleAuthor, ArticlePage, Rubrique

    origin, rubrique_slug, title, chapo, paragraphs = ARTICLES[slug]
    journal = newsroom_selectors.journal_of(portal)
    if journal is None:
        return None
    page = ArticlePage.objects.child_of(journal).filter(slug=slug).first()
    if page is None:
        animator = _animator(portal)
        # A photo of the portal's demo journal, so the card looks like the others.
        cover = (
            ArticlePage.objects.child_of(journal)
            .exclude(cover=None)
            .values_list("cover", flat=True)
            .first()
        )
        page = ArticlePage(
            title=title,
            slug=slug,
            chapo=chapo,
            cover_id=cover,
            rubrique=Rubrique.objects.filter(portal=portal, slug=rubrique_slug).first(),
            body=json.dumps(
                [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]
            ),
            owner=animator,
        )
        page.authors.add(ArticleAuthor(user=animator))
        journal.add_child(instance=page)
        page.save_revision(user=animator).publish(user=animator)
    return page if page.live else None


def _event(portal: Portal, title: str):
    """The demo event to share, added to its origin's agenda once."""
    from quartiers.agenda import services as agenda_services

    event = Event.objects.filter(portal=portal, title=title).first()
    if event is None:
        _origin, category, days, hour, place, description = EVENTS[title]
        day = timezone.localdate() + timedelta(days=days)
        event = agenda_services.event_propose(
            portal=portal,
            actor=None,
            fields=agenda_services.EventFields(
                title=title,
                start=recurrence.at_local_time(day, datetime(2000, 1, 1, hour, 0)),
                end=recurrence.at_local_time(day, datetime(2000, 1, 1, hour + 4, 0)),
                place_name=place,
                description=description,
                category_id=EventCategory.objects.filter(portal=portal, slug=category)
                .values_list("pk", flat=True)
                .first(),
            ),
        )
    return event if event.status == Event.PUBLISHED else None


def _media_page(portal: Portal, kind: str):
    """The portal's newest live episode or video whose file is ready."""
    if kind == "episode":
        from quartiers.radio.models import EpisodePage as model

        ready = {"audio__status": "ready"}
    else:
        from quartiers.tv.models import VideoPage as model

        ready = {"video__status": "ready"}
    return (
        model.objects.live()
        .filter(portal=portal, **ready)
        .order_by("-first_published_at", "-pk")
        .first()
    )


def _item(portal: Portal, ref: tuple[str, str]):
    kind, key = ref
    if kind in ("episode", "video"):
        return _media_page(portal, kind)
    return _event(portal, key) if kind == "event" else _article(portal, key)


@transaction.atomic
def seed_shares(portal: Portal | None = None) -> None:
    """Play the demo sharing plan with the demo portals that exist now."""
    portals = {p.slug: p for p in Portal.objects.select_related("home_page")}
    for origin_slug, ref, targets, audience, note, decisions in PLAN:
        origin = portals.get(origin_slug)
        item = _item(origin, ref) if origin is not None else None
        if item is None:
            continue
        network = targets == "*"
        target_ids = (
            [] if network else [portals[slug].pk for slug in targets if slug in portals]
        )
        if not network and not target_ids:
            continue
        try:
            share = services.share_create(
                portal=origin,
                actor=_animator(origin),
                item=item,
                targets=target_ids,
                network=network,
                note=note,
                audience=audience,
            )
        except ValidationError:
            # A past event or an unpublished article: nothing to share today.
            continue
        pending = ShareProposal.objects.filter(
            share=share, status=ShareProposal.PROPOSED, portal__slug__in=decisions
        ).select_related("portal")
        for proposal in pending:
            decide = (
                services.share_accept
                if decisions[proposal.portal.slug] == ACCEPT
                else services.share_decline
            )
            decide(
                portal=proposal.portal,
                actor=_animator(proposal.portal),
                proposal_id=proposal.pk,
            )


# The demo portals' departments (by town), for sharing with a department.
DEMO_DEPARTMENTS = {
    "91": ("Essonne", ["Évry-Courcouronnes", "Grigny"]),
    "93": ("Seine-Saint-Denis", ["Bobigny", "Aubervilliers", "Clichy-sous-Bois"]),
    "78": ("Yvelines", ["Mantes-la-Jolie", "Trappes"]),
    "95": ("Val-d'Oise", ["Sarcelles", "Argenteuil"]),
}


@transaction.atomic
def seed_groups(portal: Portal | None = None) -> None:
    """Group the demo portals by department (the platform itself does it)."""
    for code, (name, towns) in DEMO_DEPARTMENTS.items():
        group = PortalGroup.objects.filter(
            kind=PortalGroup.DEPARTMENT, name=name
        ).first() or PortalGroup(kind=PortalGroup.DEPARTMENT, name=name, code=code)
        services.portal_group_save(
            actor=None, group=group, portals=Portal.objects.filter(town__in=towns)
        )
