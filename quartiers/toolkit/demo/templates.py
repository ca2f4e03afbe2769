"""Demo toolkit: three article templates, for animators and residents."""

PORTRAIT = {
    "slug": "portrait-d-habitant",
    "title": "Portrait d'habitant·e",
    "summary": (
        "Faire découvrir une voisine ou un voisin : son parcours, ce qu'il ou elle "
        "fait pour le quartier, avec ses propres mots. Le format préféré des "
        "lecteurs."
    ),
    "article_title": "[Prénom], [ce qui rend cette personne unique, en quelques mots]",
    "article_chapo": (
        "[En deux phrases : qui est cette personne, depuis quand elle vit dans le "
        "quartier, et pourquoi on a envie de la connaître.]"
    ),
    "rubrique_slug": "portraits",
    "body": [
        (
            "instruction",
            "Commencez par une scène : l'endroit où vous l'avez rencontrée, un "
            "geste, un détail. Par exemple : « Tous les matins à 7 heures, Fatou "
            "ouvre la salle commune et met l'eau à chauffer. »",
        ),
        ("h", "Son parcours"),
        (
            "instruction",
            "D'où vient cette personne ? Depuis quand vit-elle dans le quartier ? "
            "Qu'est-ce qui l'y a amenée ? Trois ou quatre phrases suffisent.",
        ),
        ("h", "Ce qu'elle fait pour le quartier"),
        (
            "instruction",
            "Racontez son activité, son engagement ou sa passion avec des exemples "
            "précis : des dates, des chiffres, une anecdote.",
        ),
        ("quote", "[Une phrase forte de la personne, mot pour mot.]", "[Prénom]"),
        ("h", "Ce qu'elle souhaite pour demain"),
        (
            "instruction",
            "Terminez par ses projets ou son message aux voisins. Si elle cherche "
            "de l'aide ou des bénévoles, dites comment la joindre (avec son "
            "accord).",
        ),
        ("p", "Propos recueillis par [votre prénom]."),
    ],
}

MEETING = {
    "slug": "compte-rendu-de-reunion",
    "title": "Compte rendu de réunion",
    "summary": (
        "Raconter une réunion publique, un conseil citoyen ou une assemblée de "
        "locataires : ce qui a été dit, ce qui a été décidé, et ce qui va se "
        "passer ensuite."
    ),
    "article_title": "[Nom de la réunion] : [la décision ou l'annonce la plus importante]",
    "article_chapo": (
        "[Le jour, le lieu, qui organisait, combien de personnes étaient là, et "
        "l'essentiel en une phrase.]"
    ),
    "rubrique_slug": "vie-du-quartier",
    "body": [
        (
            "instruction",
            "Commencez par ce qui change pour les habitants : une décision, une "
            "date, des travaux. Le lecteur pressé doit tout savoir en trois lignes.",
        ),
        ("h", "Ce qui a été dit"),
        (
            "instruction",
            "Résumez les deux ou trois sujets principaux. Pour chacun : la question "
            "posée, les réponses données, et par qui (bailleur, mairie, "
            "association, habitants).",
        ),
        (
            "quote",
            "[Une phrase marquante d'un habitant ou d'une personne invitée.]",
            "[Prénom ou fonction]",
        ),
        ("h", "Ce qui a été décidé"),
        (
            "instruction",
            "Listez les décisions et les engagements pris, avec les dates "
            "annoncées. S'il n'y a pas eu de décision, dites-le aussi.",
        ),
        ("h", "Et maintenant ?"),
        (
            "instruction",
            "La date de la prochaine réunion, la personne à contacter, et comment "
            "donner son avis quand on n'était pas là.",
        ),
    ],
}

EVENT = {
    "slug": "annonce-d-evenement",
    "title": "Annonce d'événement",
    "summary": (
        "Donner envie de venir à une fête, un atelier, un match ou une "
        "permanence, avec toutes les informations pratiques au même endroit."
    ),
    "article_title": "[Quoi] le [jour] à [lieu]",
    "article_chapo": (
        "[En une phrase : ce qui va se passer, pour qui, et pourquoi il ne faut "
        "pas le manquer.]"
    ),
    "rubrique_slug": "vie-du-quartier",
    "body": [
        ("h", "Ce qui vous attend"),
        (
            "instruction",
            "Décrivez le programme : les animations, les horaires, les invités. "
            "Dites qui organise, et pourquoi.",
        ),
        ("h", "Infos pratiques"),
        (
            "ul",
            [
                "Date : [jour et date]",
                "Horaires : [de … à …]",
                "Lieu : [adresse précise et un repère connu]",
                "Prix : [gratuit, ou … euros]",
                "Inscription : [oui ou non, et comment]",
                "Accessibilité : [accès en fauteuil, traduction…]",
            ],
        ),
        (
            "instruction",
            "Ajoutez ce qu'il faut apporter, si les enfants sont bienvenus et "
            "comment venir en transports en commun.",
        ),
        (
            "p",
            "Contact : [nom de l'association, téléphone ou email, avec son accord].",
        ),
        (
            "instruction",
            "Pensez aussi à proposer l'événement dans l'agenda du quartier : il "
            "apparaîtra dans le calendrier.",
        ),
    ],
}

TEMPLATES = [PORTRAIT, MEETING, EVENT]
