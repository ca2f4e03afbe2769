"""Demo agenda: the ordinary, lively calendar of a neighbourhood."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from quartiers.directory.models import LocalActor

from . import recurrence, services
from .models import Event, EventCategory

# (title, category slug, days from today, hour, minute, hours long, rule,
#  repeats (weeks / months / extra day offsets), free place, description)
EVENTS = [
    (
        "Fête de quartier",
        "fete",
        12,
        14,
        0,
        6,
        recurrence.NONE,
        None,
        ("Pelouse centrale", "Allée des Tilleuls"),
        "Stands des associations, tournoi de pétanque, maquillage pour les enfants et grand repas partagé : chacun apporte un plat de chez lui. Concert de la chorale à 18 h.",
    ),
    (
        "Permanence numérique",
        "solidarite",
        1,
        9,
        30,
        2.5,
        recurrence.WEEKLY,
        26,
        ("Maison de quartier", "2 place du Marché"),
        "Un conseiller vous aide gratuitement pour vos démarches en ligne : CAF, impôts, France Travail, Ameli. Sans rendez-vous. Apportez vos papiers et vos identifiants si vous les avez.",
    ),
    (
        "Atelier couture",
        "atelier",
        3,
        14,
        0,
        2,
        recurrence.WEEKLY,
        20,
        ("Local de l'amicale", "Bâtiment C, rez-de-chaussée"),
        "Ourlets, retouches et petites créations. Les machines sont prêtées ; apportez votre tissu si vous en avez. Débutantes bienvenues.",
    ),
    (
        "Réunion publique : la rénovation des halls",
        "reunion-publique",
        9,
        18,
        30,
        2,
        recurrence.NONE,
        None,
        ("Salle polyvalente", "10 rue Jean-Jaurès"),
        "Le bailleur présente le projet de rénovation des halls d'immeuble : peinture, éclairage, boîtes aux lettres. Venez poser vos questions et donner votre avis.",
    ),
    (
        "Match de l'équipe U13",
        "sport",
        5,
        14,
        0,
        2,
        recurrence.NONE,
        None,
        ("City-stade", "Rue des Écoles"),
        "Nos moins de 13 ans reçoivent l'équipe de la ville voisine. Venez les encourager ! Buvette tenue par les parents.",
    ),
    (
        "Ciné plein air",
        "culture",
        20,
        21,
        30,
        2,
        recurrence.NONE,
        None,
        ("Parc des Prés", "Entrée avenue de la République"),
        "Projection d'un film familial sur grand écran. Apportez une couverture ; pop-corn offert par le conseil citoyen. Repli au gymnase en cas de pluie.",
    ),
    (
        "Collecte solidaire",
        "solidarite",
        6,
        10,
        0,
        3,
        recurrence.MONTHLY,
        11,
        ("Devant l'épicerie solidaire", "Rue des Lilas"),
        "Chaque mois, collecte de produits d'hygiène et de denrées non périssables pour les familles accompagnées par l'épicerie solidaire.",
    ),
    (
        "Sortie familles à la mer",
        "fete",
        30,
        7,
        30,
        12,
        recurrence.NONE,
        None,
        ("Départ devant le centre social", "1 rue de la Paix"),
        "Une journée à la mer en car pour les familles du quartier. Inscription au centre social, participation selon le quotient familial.",
    ),
    (
        "Aide aux devoirs",
        "jeunesse",
        2,
        17,
        0,
        1.5,
        recurrence.DATES,
        [7, 14, 21, 28],
        ("Médiathèque", "4 rue Victor-Hugo"),
        "Des bénévoles accompagnent les collégiens pour leurs devoirs. Venez avec vos cahiers, on s'occupe du goûter.",
    ),
    (
        "Café des parents",
        "atelier",
        4,
        8,
        45,
        1.5,
        recurrence.WEEKLY,
        12,
        ("École élémentaire Jules-Ferry", "Rue des Écoles"),
        "Après avoir déposé les enfants, un café pour discuter entre parents de l'école, de la santé, des loisirs. Avec une médiatrice.",
    ),
    (
        "Vide-greniers du printemps",
        "fete",
        40,
        8,
        0,
        0,
        recurrence.NONE,
        None,
        ("Parking du marché", "Place du Marché"),
        "Inscriptions des exposants à la maison de quartier : 5 € l'emplacement de deux mètres. Entrée libre pour les visiteurs.",
    ),
    (
        "Tournoi de foot des jeunes",
        "jeunesse",
        15,
        10,
        0,
        6,
        recurrence.NONE,
        None,
        ("Gymnase municipal", "Avenue du Stade"),
        "Équipes de cinq, de 12 à 17 ans. Inscriptions auprès des éducateurs. Remise des coupes à 16 h.",
    ),
]

PAST_EVENTS = [
    (
        "Repas des aînés",
        "fete",
        -20,
        12,
        0,
        3,
        ("Salle polyvalente", "10 rue Jean-Jaurès"),
        "Un repas de fête préparé par les jeunes du quartier pour les aînés.",
    ),
    (
        "Nettoyons le quartier",
        "solidarite",
        -45,
        10,
        0,
        3,
        ("Rendez-vous devant la mairie annexe", "Place de la Mairie"),
        "Gants, sacs et pinces fournis. Pique-nique offert à midi.",
    ),
    (
        "Concert de la chorale",
        "culture",
        -70,
        19,
        0,
        2,
        ("Église Saint-Paul", "Rue de l'Église"),
        "La chorale intergénérationnelle chante pour la fin de saison.",
    ),
]


def _at(day: date, hour: int, minute: int) -> datetime:
    return recurrence.at_local_time(day, datetime(2000, 1, 1, hour, minute))


def _create(
    portal,
    actors,
    number,
    *,
    title,
    slug_category,
    start,
    hours,
    rule,
    repeats,
    place,
    description,
) -> None:
    actor = actors[number % len(actors)] if actors and number % 2 == 0 else None
    end = None if hours == 0 else start + timedelta(hours=hours)
    local_day = start.astimezone(recurrence.PARIS).date()
    until = None
    extra = []
    if rule == recurrence.WEEKLY:
        until = local_day + timedelta(weeks=repeats)
    elif rule == recurrence.MONTHLY:
        until = local_day + timedelta(days=31 * repeats)
    elif rule == recurrence.DATES:
        extra = [local_day + timedelta(days=offset) for offset in repeats]
    category = EventCategory.objects.filter(portal=portal, slug=slug_category).first()
    event = Event.objects.create(
        portal=portal,
        title=title,
        slug=services.free_slug(portal, title),
        description=description,
        start=start,
        end=end,
        all_day=hours == 0,
        recurrence=rule,
        recurrence_until=until,
        extra_dates=[day.isoformat() for day in extra],
        category=category,
        place_actor=actor,
        place_name="" if actor else place[0],
        place_address="" if actor else place[1],
        organiser_actor=actor,
        is_free="Vide-greniers" not in title and "Sortie" not in title,
        price="Selon le quotient familial"
        if "Sortie" in title
        else ("5 € l'emplacement" if "Vide-greniers" in title else ""),
        accessibility="Accessible en fauteuil roulant" if number % 3 == 0 else "",
        status=Event.PUBLISHED,
    )
    if event.all_day:
        Event.objects.filter(pk=event.pk).update(start=_at(local_day, 0, 0), end=None)
        event.refresh_from_db()
    services.occurrences_rebuild(event=event)


@transaction.atomic
def seed_agenda(portal) -> None:
    """Give a portal its demo agenda (idempotent: skips when it has events)."""
    services.portal_setup(portal)
    if Event.objects.filter(portal=portal).exists():
        return
    actors = list(
        LocalActor.objects.filter(portal=portal, status=LocalActor.PUBLISHED)[:6]
    )
    today = timezone.localdate()
    for number, (
        title,
        category,
        days,
        hour,
        minute,
        hours,
        rule,
        repeats,
        place,
        description,
    ) in enumerate(EVENTS):
        _create(
            portal,
            actors,
            number,
            title=title,
            slug_category=category,
            start=_at(today + timedelta(days=days), hour, minute),
            hours=hours,
            rule=rule,
            repeats=repeats,
            place=place,
            description=description,
        )
    for number, (
        title,
        category,
        days,
        hour,
        minute,
        hours,
        place,
        description,
    ) in enumerate(PAST_EVENTS):
        _create(
            portal,
            actors,
            number + 1,
            title=title,
            slug_category=category,
            start=_at(today + timedelta(days=days), hour, minute),
            hours=hours,
            rule=recurrence.NONE,
            repeats=None,
            place=place,
            description=description,
        )
