"""Demo classifieds: kind, believable ads between neighbours, photos drawn locally."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from quartiers.accounts.models import Membership
from quartiers.uploads.models import PortalImage

from . import services
from .models import Ad, AdPhoto

# (kind, category, title, text, place, price, drawing)
ADS = [
    (
        Ad.GIFT,
        "enfants",
        "Poussette à donner",
        "Poussette pliable bleue, bon état, les roues tournent bien. Mon fils a grandi ! À venir chercher en soirée.",
        "Près de l'école Jules-Ferry",
        None,
        "poussette",
    ),
    (
        Ad.OFFER,
        "cours",
        "Cours de maths, collège et lycée",
        "Étudiante en licence de maths, je donne des cours de soutien le mercredi après-midi et le samedi matin. Patience garantie.",
        "Médiathèque",
        Decimal("12"),
        None,
    ),
    (
        Ad.LOAN,
        "bricolage",
        "Perceuse à prêter",
        "Je prête ma perceuse-visseuse avec ses mèches pour le week-end. Rendez-la juste propre !",
        "Rue des Lilas",
        None,
        "perceuse",
    ),
    (
        Ad.REQUEST,
        "services",
        "Cherche quelqu'un pour garder mon chat",
        "Je pars dix jours en août. Cherche voisin ou voisine pour nourrir Mimi une fois par jour. Elle est très gentille.",
        "Résidence des Tilleuls",
        None,
        None,
    ),
    (
        Ad.HELP,
        "transport",
        "Coup de main pour un déménagement",
        "Je déménage au bâtiment d'à côté le samedi 14. Il me faudrait deux personnes costaudes pour l'armoire et le canapé. Café et gâteaux offerts !",
        "Place du marché",
        None,
        None,
    ),
    (
        Ad.SWAP,
        "enfants",
        "Vélo enfant à échanger",
        "Vélo 16 pouces rouge, contre un vélo 20 pouces pour ma fille qui grandit. Petite réparation de frein faite.",
        "Square Pablo-Neruda",
        None,
        "velo",
    ),
    (
        Ad.JOB,
        "enfants",
        "Babysitting le mercredi",
        "Cherche une personne sérieuse pour garder deux enfants (6 et 9 ans) le mercredi de 13 h à 18 h. Références appréciées.",
        "Près du collège",
        Decimal("10"),
        None,
    ),
    (
        Ad.GIFT,
        "vetements",
        "Vêtements bébé 0-6 mois",
        "Un grand sac de bodys, pyjamas et gigoteuses, lavés et pliés. Pour une famille qui en a besoin.",
        "Rue Victor-Hugo",
        None,
        None,
    ),
    (
        Ad.OFFER,
        "electromenager",
        "Machine à laver en bon état",
        "Lave-linge 7 kg, 5 ans, fonctionne parfaitement. Je déménage dans un logement déjà équipé. À enlever avec un diable.",
        "Allée des Peupliers",
        Decimal("80"),
        None,
    ),
    (
        Ad.REQUEST,
        "informatique",
        "Qui peut m'aider avec mon ordinateur ?",
        "Mon ordinateur est devenu très lent et je n'arrive plus à imprimer mes papiers pour la CAF. Une heure d'aide me sauverait.",
        "Maison de quartier",
        None,
        None,
    ),
    (
        Ad.LOAN,
        "jardin",
        "Tondeuse à prêter aux jardiniers",
        "Ma tondeuse électrique est disponible pour les parcelles du jardin partagé. Demandez-la la veille.",
        "Jardin partagé",
        None,
        None,
    ),
    (
        Ad.HELP,
        "services",
        "Courses pour une voisine âgée",
        "Ma voisine du 3e ne peut plus porter ses courses. Qui passe au supermarché le jeudi et pourrait prendre ses deux sacs ?",
        "Avenue de la République",
        None,
        None,
    ),
    (
        Ad.JOB,
        "jardin",
        "Petit job : taille de haie",
        "Je cherche un jeune du quartier pour tailler une haie d'une dizaine de mètres, un samedi matin. Outils fournis.",
        "Pavillons du Moulin",
        Decimal("30"),
        None,
    ),
    (
        Ad.SWAP,
        "maison",
        "Livres contre jeux de société",
        "J'ai une caisse de romans policiers, j'aimerais des jeux de société pour les soirées en famille.",
        "Près de la boulangerie",
        None,
        None,
    ),
    (
        Ad.OFFER,
        "maison",
        "Table et quatre chaises",
        "Table en bois clair avec quatre chaises, quelques rayures mais solide. Idéale pour une cuisine.",
        "Rue Jean-Moulin",
        Decimal("40"),
        None,
    ),
    (
        Ad.REQUEST,
        "cours",
        "Conversation en français",
        "Je cherche quelqu'un pour parler français une heure par semaine autour d'un café. Je peux aider en cuisine ou en couture.",
        "Centre social",
        None,
        None,
    ),
    (
        Ad.GIFT,
        "maison",
        "Plants de tomates à donner",
        "Trop de semis cette année ! Une vingtaine de plants de tomates cerises et cœur-de-bœuf pour vos balcons.",
        "Jardin partagé",
        None,
        None,
    ),
]


def _drawing(name: str, seed: int) -> ImageFile:
    """A simple drawing of the object (no download)."""
    image = Image.new("RGB", (800, 600), "#e0f2fe")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 470, 800, 600), fill="#d9f99d")
    if name == "poussette":
        draw.rounded_rectangle((250, 200, 560, 400), radius=60, fill="#1d4ed8")
        draw.line((560, 220, 660, 130), fill="#1f2937", width=14)
        for x in (300, 520):
            draw.ellipse((x - 45, 400, x + 45, 490), fill="#111827")
    elif name == "perceuse":
        draw.rounded_rectangle((230, 220, 560, 320), radius=30, fill="#f97316")
        draw.rectangle((560, 255, 690, 280), fill="#6b7280")
        draw.rounded_rectangle((300, 320, 390, 470), radius=20, fill="#374151")
    else:
        for x in (250, 550):
            draw.ellipse((x - 100, 300, x + 100, 500), outline="#111827", width=16)
        draw.line((250, 400, 400, 260, 550, 400), fill="#dc2626", width=16)
        draw.line((400, 260, 380, 220), fill="#dc2626", width=14)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ImageFile(BytesIO(buffer.getvalue()), name=f"annonce-{name}-{seed}.jpg")


@transaction.atomic
def seed_classifieds(portal) -> None:
    """Give a portal its demo ads (idempotent: skips when it has ads already)."""
    if Ad.objects.filter(portal=portal).exists():
        return
    authors = [
        m.user
        for m in Membership.objects.filter(portal=portal)
        .exclude(role=Membership.ANIMATOR)
        .select_related("user")
        .order_by("pk")
    ]
    if not authors:
        return
    now = timezone.now()
    for number, (kind, category, title, text, place, price, drawing) in enumerate(ADS):
        author = authors[number % len(authors)]
        published_at = now - timedelta(days=number, hours=number * 3)
        ad = Ad.objects.create(
            portal=portal,
            author=author,
            author_name=author.public_name[:80],
            kind=kind,
            category=category,
            title=title,
            text=text,
            place=place,
            price=price,
            status=Ad.PUBLISHED,
            published_at=published_at,
            expires_at=published_at + services.lifetime(),
        )
        if drawing:
            image = PortalImage(
                title=f"{title} — photo",
                file=_drawing(drawing, portal.pk * 100 + number),
                collection=portal.collection,
                alt_text=f"Dessin : {title.lower()}",
            )
            image.save()
            AdPhoto.objects.create(ad=ad, image=image, sort_order=0)
