"""Realistic, deterministic French text for the benchmark.

Sentences are assembled from neighbourhood vocabulary (accents, plurals,
elisions included) so that the search meets what it meets in real portals:
a few very common words ("quartier", "habitants"), many ordinary ones, and
rare ones that only a few documents hold.
"""

import random

NEIGHBOURHOODS = [
    "Les Tilleuls",
    "La Butte",
    "Le Clos Fleuri",
    "Les Marronniers",
    "La Noue",
    "Les Courtilles",
    "Le Moulin",
    "Les Aubépines",
    "La Source",
    "Les Rosiers",
    "Le Pont-Blanc",
    "Les Bosquets",
    "La Grande Borne",
    "Les Hautes Noues",
    "Le Chêne Pointu",
    "Les Francs-Moisins",
    "La Caravelle",
    "Les Pyramides",
    "Le Val d'Argent",
    "Les Bleuets",
    "La Rose des Vents",
    "Les Merisiers",
]
TOWNS = [
    "Bobigny",
    "Sarcelles",
    "Clichy-sous-Bois",
    "Grigny",
    "Évry",
    "Vaulx-en-Velin",
    "Villeneuve-la-Garenne",
    "Montfermeil",
    "Aulnay-sous-Bois",
    "Bondy",
    "Stains",
    "Trappes",
    "Les Mureaux",
    "Garges-lès-Gonesse",
    "Épinay-sur-Seine",
]
PLACES = [
    "à l'école Jean-Jaurès",
    "au centre social",
    "à la maison de quartier",
    "au gymnase",
    "sur la place du marché",
    "au jardin partagé",
    "à la médiathèque",
    "devant la mairie annexe",
    "au collège Victor-Hugo",
    "dans le hall du bâtiment B",
    "au square des Lilas",
    "à l'épicerie solidaire",
    "près de la piscine",
    "au city-stade",
    "à la bibliothèque",
    "au local des jeunes",
    "à la salle des fêtes",
    "sous le préau",
    "au pied des tours",
    "à l'arrêt du bus",
]
# (subject, plural?)
SUBJECTS = [
    ("Les habitants", True),
    ("L'association des locataires", False),
    ("Les jeunes du quartier", True),
    ("Une voisine", False),
    ("Le conseil citoyen", False),
    ("Les parents d'élèves", True),
    ("L'équipe du centre social", False),
    ("Les bénévoles", True),
    ("Le club de foot", False),
    ("Les commerçants", True),
    ("Une maman", False),
    ("Les retraités", True),
    ("L'animatrice", False),
    ("Le bailleur", False),
    ("Les enfants", True),
    ("Un collectif de voisins", False),
    ("Les associations", True),
    ("La médiathécaire", False),
    ("Le gardien", False),
    ("Les éducateurs", True),
]
# (singular, plural)
VERBS = [
    ("organise", "organisent"),
    ("propose", "proposent"),
    ("prépare", "préparent"),
    ("raconte", "racontent"),
    ("présente", "présentent"),
    ("répare", "réparent"),
    ("cherche", "cherchent"),
    ("invite à", "invitent à"),
    ("accueille", "accueillent"),
    ("ouvre", "ouvrent"),
    ("anime", "animent"),
    ("partage", "partagent"),
    ("défend", "défendent"),
    ("découvre", "découvrent"),
    ("cultive", "cultivent"),
    ("améliore", "améliorent"),
    ("nettoie", "nettoient"),
    ("décore", "décorent"),
]
OBJECTS = [
    "une fête des voisins",
    "un atelier de cuisine",
    "l'aide aux devoirs",
    "un repas partagé",
    "une brocante",
    "un tournoi de football",
    "des cours de français",
    "une sortie à la mer",
    "un concert de rap",
    "une exposition de photos",
    "les ascenseurs en panne",
    "le marché de Noël",
    "un vide-grenier",
    "des jeux de société",
    "une permanence d'accès aux droits",
    "le soutien scolaire",
    "les plantations du jardin",
    "un café des parents",
    "une collecte de vêtements",
    "des ateliers numériques",
    "une randonnée",
    "la rénovation des halls",
    "un spectacle de danse",
    "une chorale",
    "des vaccinations gratuites",
    "un forum de l'emploi",
    "des cours de couture",
    "une fresque murale",
    "un tournoi d'échecs",
    "une bourse aux livres",
]
MOMENTS = [
    "samedi matin",
    "ce week-end",
    "mercredi après-midi",
    "pendant les vacances",
    "chaque mardi soir",
    "le premier dimanche du mois",
    "à la rentrée",
    "cet été",
    "avant l'hiver",
    "jeudi à 18 heures",
    "tous les quinze jours",
    "en fin d'année",
]
ADJECTIVES = [
    "gratuit",
    "ouvert à tous",
    "solidaire",
    "festif",
    "familial",
    "convivial",
    "nouveau",
    "attendu",
    "réussi",
    "intergénérationnel",
    "sportif",
    "culturel",
]
TAILS = [
    "Tout le quartier est invité.",
    "Les inscriptions sont ouvertes.",
    "Venez nombreux, c'est gratuit.",
    "Pensez à apporter un plat à partager.",
    "Merci à tous les bénévoles.",
    "Les enfants sont les bienvenus.",
    "Une navette part de la gare.",
    "Renseignements auprès de l'animatrice.",
    "Les photos sont sur le blog.",
    "Rendez-vous devant l'entrée principale.",
]
# Words few documents hold: the "rare" queries of the benchmark.
RARE = [
    "calligraphie",
    "apiculture",
    "accordéoniste",
    "origami",
    "astronomie",
    "ornithologie",
    "marqueterie",
    "capoeira",
    "sérigraphie",
    "kamishibaï",
]
AD_TITLES = [
    "Poussette à donner",
    "Vélo d'enfant",
    "Cours de maths",
    "Machine à laver",
    "Perceuse à prêter",
    "Garde d'enfants",
    "Canapé trois places",
    "Table et chaises",
    "Lit bébé",
    "Ordinateur portable",
    "Aide au déménagement",
    "Plants de tomates",
    "Manteau d'hiver",
    "Livres scolaires",
    "Trottinette",
    "Réfrigérateur",
]
ACTOR_NAMES = [
    "Association des locataires",
    "Centre social",
    "Médiathèque",
    "Club de boxe",
    "Épicerie solidaire",
    "Maison de santé",
    "Collège",
    "Régie de quartier",
    "Atelier vélo",
    "Jardin partagé",
    "Boulangerie",
    "Pharmacie",
    "Mission locale",
    "Compagnie de théâtre",
    "Secours populaire",
    "Restos du cœur",
]


class French:
    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def pick(self, words):
        return self.random.choice(words)

    def clause(self) -> str:
        subject, plural = self.pick(SUBJECTS)
        verb = self.pick(VERBS)[1 if plural else 0]
        return f"{subject} {verb} {self.pick(OBJECTS)}"

    def sentence(self) -> str:
        r = self.random
        text = f"{self.clause()} {self.pick(PLACES)} {self.pick(MOMENTS)}."
        if r.random() < 0.3:
            text += f" C'est un moment {self.pick(ADJECTIVES)} pour le quartier."
        if r.random() < 0.4:
            text += " " + self.pick(TAILS)
        if r.random() < 0.002:
            text += f" Un atelier de {self.pick(RARE)} est aussi prévu."
        return text

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self) -> str:
        r = self.random.random()
        if r < 0.5:
            obj = self.pick(OBJECTS)
            return obj[0].upper() + obj[1:] + " " + self.pick(PLACES)
        if r < 0.8:
            return self.clause()
        obj = self.pick(OBJECTS)
        return f"{obj[0].upper() + obj[1:]} {self.pick(MOMENTS)}"

    def ad_title(self) -> str:
        return f"{self.pick(AD_TITLES)} {self.pick(PLACES)}"

    def actor_name(self, number: int) -> str:
        return f"{self.pick(ACTOR_NAMES)} {self.pick(NEIGHBOURHOODS)} {number}"
