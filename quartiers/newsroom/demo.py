"""Demo journal: believable articles about neighbourhood life, photos drawn locally."""

import json
import random
from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw

from quartiers.accounts.models import Membership
from quartiers.core.templatetags.french import of_place
from quartiers.uploads.models import PortalImage

from . import selectors, services
from .models import ArticleAuthor, ArticlePage, Rubrique, Submission

ARTICLES = [
    (
        "vie-du-quartier",
        "La fête des voisins a réuni plus de deux cents personnes",
        "Tables sorties au pied des immeubles, musique et plats de toutes les cuisines : la fête des voisins {of_name} a battu son record cette année.",
        [
            "Dès 17 heures, les premières tables ont été installées sur la pelouse centrale. Les enfants ont décoré les nappes pendant que les parents apportaient couscous, accras, tartes et thé à la menthe.",
            "« On se croise tous les jours dans l'ascenseur, mais on ne se parle pas vraiment. Ce soir, j'ai découvert que ma voisine du cinquième faisait de la couture, elle va m'apprendre », raconte Fatoumata, habitante depuis douze ans.",
            "L'amicale des locataires promet de recommencer à la rentrée, avec un concours de desserts.",
        ],
        ["fête", "voisins"],
        "Une grande table dressée sur la pelouse entre les immeubles",
    ),
    (
        "portraits",
        "Mme Benali, quarante ans de cours de soutien bénévoles",
        "Chaque mercredi depuis 1985, elle accueille les collégiens {of_name} dans la salle commune. Portrait d'une infatigable.",
        [
            "Ancienne institutrice, Mme Benali a commencé avec trois élèves dans sa cuisine. Aujourd'hui, ils sont une vingtaine chaque semaine, et certains de ses anciens élèves sont devenus bénévoles à leur tour.",
            "« Le secret, c'est de ne jamais dire à un enfant qu'il est nul. Il faut trouver ce qu'il aime, et partir de là. »",
            "Elle cherche des bénévoles pour les mathématiques : contactez la maison de quartier.",
        ],
        ["portrait", "éducation"],
        "Une femme souriante devant un tableau couvert d'exercices",
    ),
    (
        "jeunesse",
        "Les jeunes du quartier lancent leur podcast",
        "Six adolescents {of_name} ont enregistré leur première émission avec le matériel de la médiathèque.",
        [
            "Ils ont entre 14 et 17 ans et parlent de ce qui les concerne : l'orientation, le sport, les réseaux sociaux, les petits boulots.",
            "Le premier épisode donne la parole à un ancien du quartier devenu ingénieur du son. Le prochain portera sur le stage de troisième.",
            "Les enregistrements ont lieu le samedi matin ; toute personne intéressée peut passer.",
        ],
        ["podcast", "jeunes"],
        "Des adolescents autour d'un micro dans une salle de la médiathèque",
    ),
    (
        "solidarites",
        "Une épicerie solidaire ouvre ses portes rue des Lilas",
        "Produits frais et d'hygiène à petit prix : l'épicerie solidaire accueille les familles du quartier sur orientation du centre social.",
        [
            "Gérée par une association et une quinzaine de bénévoles, l'épicerie propose des produits à 10 ou 30 % de leur prix habituel.",
            "L'accès se fait pour six mois renouvelables, après un rendez-vous avec une assistante sociale ou le centre social.",
            "L'association recherche des bénévoles pour les livraisons du jeudi.",
        ],
        ["solidarité", "alimentation"],
        "Des étagères de fruits et légumes dans une petite boutique",
    ),
    (
        "vie-du-quartier",
        "Travaux de l'avenue : ce qui change pour les bus",
        "Jusqu'en mars, deux arrêts sont déplacés. Les explications pour ne pas rater son bus.",
        [
            "Le chantier de rénovation de l'avenue entre dans sa deuxième phase. Les arrêts « Mairie » et « Collège » sont déplacés d'une centaine de mètres.",
            "Des panneaux provisoires indiquent les nouveaux emplacements. Les horaires restent les mêmes.",
            "Des habitants signalent que le passage piéton provisoire est mal éclairé : l'animation a transmis la remarque à la mairie.",
        ],
        ["transports", "travaux"],
        "Un bus devant une barrière de chantier",
    ),
    (
        "portraits",
        "Karim, le coiffeur qui écoute tout le monde",
        "Son salon est devenu un lieu de rencontre. Karim raconte trente ans de vie de quartier, entre deux coupes.",
        [
            "Quand il a ouvert en 1994, il n'y avait que deux fauteuils. Aujourd'hui, on vient de loin pour ses dégradés, mais surtout pour discuter.",
            "« Ici, on parle de tout : du foot, des enfants, des papiers. Parfois je fais l'écrivain public entre deux clients. »",
            "Il forme chaque année un apprenti du quartier.",
        ],
        ["portrait", "commerce"],
        "Un salon de coiffure avec deux fauteuils et un grand miroir",
    ),
    (
        "jeunesse",
        "Tournoi de foot inter-quartiers : nos U13 en finale",
        "Après un parcours sans faute, l'équipe des moins de 13 ans jouera la finale samedi au stade municipal.",
        [
            "Ils s'entraînent deux fois par semaine sur le city-stade, encadrés par deux éducateurs bénévoles.",
            "Venez nombreux les encourager : coup d'envoi à 14 heures, entrée libre.",
            "Une collecte de maillots et de crampons est organisée au club.",
        ],
        ["sport", "football"],
        "Des enfants en maillot sur un terrain de football",
    ),
    (
        "solidarites",
        "Permanence numérique : de l'aide pour vos démarches en ligne",
        "CAF, impôts, Pôle emploi devenu France Travail : chaque mardi, des conseillers aident gratuitement à faire ses démarches sur internet.",
        [
            "La permanence a lieu à la maison de quartier de 9 h 30 à 12 h, sans rendez-vous.",
            "Apportez vos identifiants si vous les avez, et vos papiers. Les conseillers ne gardent aucune donnée.",
            "Un atelier pour apprendre à utiliser son téléphone démarre le mois prochain.",
        ],
        ["numérique", "démarches"],
        "Une personne aidée devant un ordinateur",
    ),
    (
        "vie-du-quartier",
        "Le jardin partagé récolte ses premières tomates",
        "Semé au printemps par une trentaine d'habitants, le jardin partagé {of_name} donne ses premiers fruits.",
        [
            "Chaque famille a sa parcelle, et une grande parcelle commune est cultivée par l'école.",
            "Les récoltes de la parcelle commune sont partagées lors d'un goûter chaque premier samedi du mois.",
            "Il reste deux parcelles libres : inscriptions auprès de l'amicale des locataires.",
        ],
        ["jardin", "environnement"],
        "Des plants de tomates dans des bacs en bois",
    ),
    (
        "portraits",
        "Aïssatou, couturière et professeure bénévole",
        "Dans son atelier au rez-de-chaussée, elle apprend la couture aux femmes du quartier. Et répare les ourlets de tout le monde.",
        [
            "Arrivée il y a dix ans, Aïssatou a commencé par recoudre les vêtements de ses voisines.",
            "Son atelier accueille maintenant huit élèves chaque lundi. Certaines vendent déjà leurs créations au marché.",
            "« La couture, ça donne confiance. On repart avec quelque chose qu'on a fait de ses mains. »",
        ],
        ["portrait", "couture"],
        "Une machine à coudre et des tissus colorés",
    ),
    (
        "vie-du-quartier",
        "Réunion publique sur la rénovation des halls d'immeuble",
        "Le bailleur présentera ses projets jeudi à 18 h 30. Les habitants sont invités à donner leur avis.",
        [
            "Peinture, éclairage, boîtes aux lettres : le bailleur prévoit de rénover six halls d'ici l'été.",
            "L'amicale des locataires a préparé une liste de questions. Vous pouvez y ajouter les vôtres en écrivant à l'équipe d'animation.",
            "Un compte rendu sera publié ici après la réunion.",
        ],
        ["logement", "réunion"],
        "Un hall d'immeuble avec des boîtes aux lettres",
    ),
    (
        "jeunesse",
        "Stage de troisième : les commerçants ouvrent leurs portes",
        "Pharmacie, boulangerie, garage : une dizaine de commerçants {of_name} accueillent des collégiens en stage.",
        [
            "Trouver un stage est souvent difficile quand on ne connaît personne. Le collège et l'association des commerçants ont créé une liste commune.",
            "Les élèves peuvent la consulter au CDI ou à la maison de quartier.",
            "« J'ai fait mon stage à la pharmacie, maintenant je veux devenir préparatrice », confie Inès.",
        ],
        ["collège", "orientation"],
        "Une vitrine de pharmacie de quartier",
    ),
]

PALETTE = [
    "#047857",
    "#1d4ed8",
    "#b45309",
    "#9d174d",
    "#0e7490",
    "#6d28d9",
    "#15803d",
    "#b91c1c",
]


def _photo(seed: int, title: str) -> ImageFile:
    """A simple, friendly illustration: sky, buildings, trees and sun."""
    rng = random.Random(seed)
    image = Image.new("RGB", (960, 600), "#dbeafe")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 960, 600), fill="#86efac")
    draw.ellipse((780, 40, 900, 160), fill="#fde047")
    x = 20
    while x < 940:
        width = rng.randint(90, 160)
        height = rng.randint(180, 360)
        color = rng.choice(PALETTE)
        draw.rectangle((x, 420 - height, x + width, 420), fill=color)
        for wy in range(420 - height + 20, 400, 40):
            for wx in range(x + 12, x + width - 20, 30):
                draw.rectangle((wx, wy, wx + 14, wy + 20), fill="#fef9c3")
        x += width + rng.randint(10, 40)
    for _ in range(5):
        tx = rng.randint(30, 930)
        draw.rectangle((tx - 5, 440, tx + 5, 500), fill="#78350f")
        draw.ellipse((tx - 35, 380, tx + 35, 450), fill="#166534")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ImageFile(BytesIO(buffer.getvalue()), name=f"illustration-{seed}.jpg")


def seed_journal(portal) -> None:
    """Give a portal its demo journal (idempotent: skips when articles exist)."""
    services.rubriques_create_defaults(portal)
    journal = selectors.journal_of(portal)
    if journal is None or ArticlePage.objects.child_of(journal).exists():
        return
    rubriques = {r.slug: r for r in Rubrique.objects.filter(portal=portal)}
    members = {
        m.role: m.user
        for m in Membership.objects.filter(portal=portal).select_related("user")
    }
    resident = members.get(Membership.RESIDENT)
    animator = members.get(Membership.ANIMATOR)
    now = timezone.now()
    for number, (rubrique, title, chapo, paragraphs, tags, alt) in enumerate(ARTICLES):
        cover = PortalImage(
            title=title[:80],
            file=_photo(portal.pk * 100 + number, title),
            collection=portal.collection,
            alt_text=alt,
        )
        cover.save()
        body = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs[:1]]
        body.append(
            {
                "type": "quote",
                "value": {"text": paragraphs[1].strip("« »"), "attribution": ""},
            }
        )
        body += [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs[2:]]
        page = ArticlePage(
            title=title,
            slug=f"article-{number + 1}",
            chapo=chapo.format(of_name=of_place(portal.name)),
            rubrique=rubriques.get(rubrique),
            cover=cover,
            body=json.dumps(body),
            featured=number in (0, 3),
            owner=animator,
        )
        author = resident if number % 3 == 0 else animator
        page.authors.add(ArticleAuthor(user=author))
        journal.add_child(instance=page)
        page.tags.add(*tags)
        published_at = now - timedelta(days=3 * number + 1, hours=number)
        revision = page.save_revision(user=animator)
        revision.publish(user=animator)
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
    if resident is not None and not Submission.objects.filter(portal=portal).exists():
        services.submission_save(
            portal=portal,
            actor=resident,
            title="Le marché du samedi a besoin de bénévoles",
            text=(
                "Depuis le printemps, le petit marché du samedi matin manque de bras pour "
                "installer les stands.\n\nSi chacun donne une heure par mois, on y arrive ! "
                "Je propose qu'on fasse une liste à la maison de quartier."
            ),
            rubrique_id=rubriques["solidarites"].pk
            if "solidarites" in rubriques
            else None,
            submit=True,
        )
