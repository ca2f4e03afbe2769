"""Demo directory: the associations, services and shops of each neighbourhood,
and a few practical information pages. Idempotent; dev and test only."""

import json
import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from quartiers.portals.models import Portal

from .models import LocalActor, PracticalInfoIndexPage, PracticalInfoPage

A = LocalActor
# (name, kind, description, street, opening hours, phone, email, website)
ACTORS = [
    (
        "Maison de quartier {name}",
        A.ASSOCIATION,
        "Le lieu de rencontre du quartier : accueil, aide aux devoirs, ateliers "
        "cuisine et couture, sorties en famille.\n\nPermanence numérique le mardi "
        "matin pour les démarches en ligne, sans rendez-vous.",
        "2 place du Marché",
        "Lundi au vendredi : 9 h – 12 h 30 et 14 h – 19 h\nSamedi : 10 h – 17 h",
        "01 39 90 12 34",
        "accueil@maison-quartier.example.org",
        "https://maison-quartier.example.org",
    ),
    (
        "Amicale des locataires des Tours",
        A.ASSOCIATION,
        "Les locataires s'organisent pour faire entendre leur voix auprès du "
        "bailleur : charges, ascenseurs, propreté des halls. Réunion ouverte le "
        "premier jeudi du mois.",
        "Tour B, local du rez-de-chaussée",
        "Permanence le mercredi de 18 h à 19 h 30",
        "06 12 34 56 78",
        "",
        "",
    ),
    (
        "Les Jardins partagés",
        A.ASSOCIATION,
        "Une trentaine de parcelles cultivées par les habitants et par l'école. "
        "Goûter des récoltes chaque premier samedi du mois.",
        "Allée des Tilleuls, derrière le gymnase",
        "Ouvert aux jardiniers tous les jours ; visites le samedi matin",
        "",
        "jardins@example.org",
        "",
    ),
    (
        "Épicerie solidaire Le Panier",
        A.ASSOCIATION,
        "Produits frais et d'hygiène à petit prix, sur orientation du centre "
        "social ou d'une assistante sociale. Les bénévoles sont les bienvenus.",
        "14 rue des Lilas",
        "Mardi et jeudi : 14 h – 18 h\nSamedi : 9 h – 12 h",
        "01 39 90 22 10",
        "",
        "",
    ),
    (
        "Club de football du quartier",
        A.ASSOCIATION,
        "Des U7 aux vétérans, entraînements au city-stade et au stade municipal. "
        "Collecte de maillots et de crampons toute l'année.",
        "Stade municipal, avenue Jean-Jaurès",
        "Entraînements mardi et vendredi à partir de 17 h 30",
        "06 98 76 54 32",
        "",
        "",
    ),
    (
        "Centre social municipal",
        A.PUBLIC_SERVICE,
        "Accueil des familles, accès aux droits, écrivain public, cours de "
        "français pour adultes et accompagnement à la scolarité.",
        "5 rue Paul-Éluard",
        "Lundi au vendredi : 9 h – 12 h et 13 h 30 – 18 h",
        "01 39 90 40 00",
        "centre-social@ville.example.org",
        "",
    ),
    (
        "Mairie annexe",
        A.PUBLIC_SERVICE,
        "État civil, inscriptions scolaires, attestations, cartes d'identité et "
        "passeports sur rendez-vous.",
        "1 place de la République",
        "Lundi, mercredi, vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h\n"
        "Samedi : 9 h – 12 h",
        "01 39 90 00 00",
        "",
        "",
    ),
    (
        "France services",
        A.PUBLIC_SERVICE,
        "Un seul guichet pour la CAF, l'Assurance maladie, France Travail, les "
        "impôts et l'ANTS. Des conseillers aident à faire les démarches.",
        "8 rue Victor-Hugo",
        "Lundi au vendredi : 9 h – 17 h, sans rendez-vous le matin",
        "01 39 90 55 55",
        "",
        "https://www.france-services.gouv.fr",
    ),
    (
        "Agence de proximité du bailleur",
        A.LANDLORD,
        "Pour les demandes d'intervention, les questions de loyer et de charges, "
        "les échanges de logement.",
        "Tour A, rez-de-chaussée",
        "Lundi au jeudi : 9 h – 12 h ; urgences techniques 24 h sur 24 par téléphone",
        "01 39 90 77 77",
        "",
        "",
    ),
    (
        "École élémentaire Jules-Ferry",
        A.SCHOOL,
        "Quatorze classes, un centre de loisirs le mercredi et pendant les "
        "vacances, une association de parents très active.",
        "10 rue de l'École",
        "Accueil des parents le lundi de 16 h 30 à 17 h 30",
        "01 39 90 31 31",
        "",
        "",
    ),
    (
        "Collège Lucie-Aubrac",
        A.SCHOOL,
        "Le collège du quartier : classes à horaires aménagés musique, aide aux "
        "devoirs après la classe, journées portes ouvertes en mars.",
        "45 avenue de la Paix",
        "Secrétariat : 8 h – 17 h, sauf le mercredi après-midi",
        "01 39 90 31 50",
        "",
        "",
    ),
    (
        "Maison de santé pluriprofessionnelle",
        A.HEALTH,
        "Médecins généralistes, infirmières, sage-femme et kinésithérapeutes. "
        "Consultations avec ou sans rendez-vous le matin.",
        "3 rue Pasteur",
        "Lundi au vendredi : 8 h – 20 h\nSamedi : 8 h – 12 h",
        "01 39 90 60 60",
        "",
        "",
    ),
    (
        "Pharmacie du Marché",
        A.SHOP,
        "Conseils, vaccinations, tests, matériel médical. Pharmacie de garde un "
        "dimanche sur six.",
        "4 place du Marché",
        "Lundi au samedi : 8 h 30 – 20 h",
        "01 39 90 12 00",
        "",
        "",
    ),
    (
        "Boulangerie Aux Bons Pains",
        A.SHOP,
        "Pains au levain, pâtisseries orientales et du monde. La boulangère "
        "accueille chaque année un stagiaire de troisième.",
        "12 rue des Lilas",
        "Tous les jours sauf le lundi : 6 h 30 – 20 h",
        "01 39 90 18 18",
        "",
        "",
    ),
    (
        "Garage solidaire",
        A.BUSINESS,
        "Réparations à prix réduit pour les personnes orientées par le centre "
        "social, chantier d'insertion pour des jeunes du quartier.",
        "Zone d'activités, 7 rue de l'Industrie",
        "Lundi au vendredi : 8 h – 12 h et 13 h 30 – 17 h 30",
        "01 39 90 88 88",
        "",
        "",
    ),
    (
        "Mission locale",
        A.INSTITUTION,
        "Pour les 16-25 ans : orientation, formation, emploi, logement, santé. "
        "Un conseiller suit chaque jeune.",
        "20 boulevard de l'Europe",
        "Lundi au vendredi : 9 h – 12 h 30 et 13 h 30 – 17 h 30",
        "01 39 90 45 45",
        "",
        "",
    ),
]

INFOS = [
    (
        "numeros-utiles",
        "Numéros utiles",
        "Les numéros à garder près du téléphone : urgences, santé, services de la "
        "ville.",
        [
            {"type": "heading", "value": "Urgences"},
            {
                "type": "number",
                "value": {"name": "SAMU", "phone": "15", "note": "urgence médicale"},
            },
            {
                "type": "number",
                "value": {"name": "Police secours", "phone": "17", "note": ""},
            },
            {
                "type": "number",
                "value": {"name": "Pompiers", "phone": "18", "note": ""},
            },
            {
                "type": "number",
                "value": {
                    "name": "Numéro d'urgence européen",
                    "phone": "112",
                    "note": "depuis un portable",
                },
            },
            {
                "type": "number",
                "value": {
                    "name": "Violences femmes info",
                    "phone": "3919",
                    "note": "gratuit, anonyme, 24 h sur 24",
                },
            },
            {"type": "heading", "value": "Santé"},
            {
                "type": "number",
                "value": {
                    "name": "Médecin de garde",
                    "phone": "116 117",
                    "note": "le soir et le week-end",
                },
            },
        ],
        30,
    ),
    (
        "se-faire-aider-pour-ses-papiers",
        "Se faire aider pour ses papiers",
        "CAF, impôts, titre de séjour, retraite : où trouver quelqu'un pour vous "
        "aider, gratuitement.",
        [
            {
                "type": "paragraph",
                "value": "<p>France services et le centre social aident à remplir "
                "les dossiers et à faire les démarches en ligne. Apportez vos "
                "papiers et, si vous les avez, vos identifiants.</p>",
            },
            {
                "type": "paragraph",
                "value": "<p>Un écrivain public tient une permanence gratuite au "
                "centre social le jeudi de 14 h à 17 h.</p>",
            },
            {
                "type": "link",
                "value": {
                    "title": "Trouver un espace France services",
                    "url": "https://www.france-services.gouv.fr",
                },
            },
        ],
        60,
    ),
    (
        "transports",
        "Transports",
        "Bus, RER, vélo : comment se déplacer depuis le quartier.",
        [
            {
                "type": "paragraph",
                "value": "<p>Les bus s'arrêtent place du Marché toutes les dix "
                "minutes en semaine. La gare est à quinze minutes à pied.</p>",
            },
            {
                "type": "link",
                "value": {
                    "title": "Horaires et plans (Île-de-France Mobilités)",
                    "url": "https://www.iledefrance-mobilites.fr",
                },
            },
        ],
        90,
    ),
    (
        "horaires-de-la-mairie-annexe",
        "Horaires de la mairie annexe",
        "État civil, inscriptions scolaires, cartes d'identité : les horaires et "
        "ce qu'il faut apporter.",
        [
            {
                "type": "paragraph",
                "value": "<p>Lundi, mercredi et vendredi de 8 h 30 à 12 h et de "
                "13 h 30 à 17 h ; samedi de 9 h à 12 h. Cartes d'identité et "
                "passeports sur rendez-vous seulement.</p>",
            },
            {
                "type": "number",
                "value": {
                    "name": "Accueil de la mairie annexe",
                    "phone": "01 39 90 00 00",
                    "note": "",
                },
            },
        ],
        # Not checked for more than six months: the reminder will name it.
        240,
    ),
]


def _coordinates(portal: Portal, rng: random.Random):
    if portal.latitude is None or portal.longitude is None:
        return None, None
    # Within about 800 m of the neighbourhood's centre.
    latitude = portal.latitude + Decimal(str(round(rng.uniform(-0.007, 0.007), 5)))
    longitude = portal.longitude + Decimal(str(round(rng.uniform(-0.01, 0.01), 5)))
    return latitude, longitude


def _seed_actors(portal: Portal) -> None:
    from django.utils.text import slugify

    rng = random.Random(portal.slug)
    partner = (
        get_user_model()
        .objects.filter(email=f"partenaire.{portal.slug}@example.org")
        .first()
    )
    for template, kind, description, street, hours, phone, email, website in ACTORS:
        name = template.format(name=portal.name)
        latitude, longitude = _coordinates(portal, rng)
        actor, created = LocalActor.objects.get_or_create(
            portal=portal,
            slug=slugify(name)[:150],
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "address": street,
                "town": portal.town,
                "latitude": latitude,
                "longitude": longitude,
                "opening_hours": hours,
                "phone": phone,
                "email": email,
                "website": website,
                "status": LocalActor.PUBLISHED,
            },
        )
        if created and template.startswith("Maison de quartier") and partner:
            actor.managers.add(partner)


def _seed_practical_info(portal: Portal) -> None:
    if not portal.home_page_id:
        return
    index = PracticalInfoIndexPage.objects.child_of(portal.home_page).first()
    if index is None:
        return
    today = timezone.localdate()
    existing = set(
        PracticalInfoPage.objects.child_of(index).values_list("slug", flat=True)
    )
    for slug, title, intro, body, days_ago in INFOS:
        if slug in existing:
            continue
        page = PracticalInfoPage(
            title=title,
            slug=slug,
            intro=intro,
            body=json.dumps(body),
            last_checked=today - timedelta(days=days_ago),
        )
        index.add_child(instance=page)
        page.save_revision().publish()


@transaction.atomic
def seed_directory(portal: Portal) -> None:
    """Give a demo portal its local actors and practical information."""
    _seed_actors(portal)
    _seed_practical_info(portal)
