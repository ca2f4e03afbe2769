"""Demo toolkit: the guides for everybody, also shown to residents."""

INTERVIEW = {
    "slug": "mener-une-interview",
    "title": "Mener une interview",
    "summary": (
        "Préparer ses questions, mettre la personne à l'aise, écouter vraiment et "
        "relire avec elle : tout ce qu'il faut pour réussir une interview, même "
        "la toute première."
    ),
    "audience": "public",
    "topic": "ecrire",
    "body": [
        (
            "p",
            "Interviewer quelqu'un, c'est d'abord s'intéresser sincèrement à lui. "
            "Pas besoin d'être journaliste : les habitants qui connaissent leur "
            "quartier posent souvent de meilleures questions que les "
            "professionnels, parce qu'ils savent ce qui compte pour leurs voisins.",
        ),
        ("h", "Préparer"),
        (
            "steps",
            [
                "Demandez l'accord de la personne et dites où l'interview sera "
                "publiée : sur le portail du quartier, lisible par tout le monde.",
                "Renseignez-vous un peu avant : son parcours, son association, son "
                "commerce. Vous gagnerez du temps et elle se sentira respectée.",
                "Écrivez cinq à huit questions, des plus simples aux plus "
                "personnelles. Vous ne les poserez peut-être pas toutes, mais elles "
                "vous rassureront.",
                "Choisissez un endroit calme : un café bruyant gâche un "
                "enregistrement.",
                "Vérifiez votre téléphone : batterie chargée, mode avion pour ne pas "
                "être interrompu, assez de place pour enregistrer.",
            ],
        ),
        (
            "doc",
            "fiche-interview",
            "Une page à imprimer pour préparer vos questions et ne rien oublier.",
        ),
        ("h", "Des questions qui ouvrent"),
        (
            "p",
            "Préférez les questions ouvertes, qui commencent par « comment », "
            "« pourquoi », « racontez-moi ». Une question fermée (« Vous aimez le "
            "quartier ? ») n'appelle qu'un oui ou un non. Une question ouverte "
            "(« Qu'est-ce qui vous a fait rester dans le quartier ? ») appelle une "
            "histoire.",
        ),
        (
            "p",
            "Demandez des exemples précis, des souvenirs, des anecdotes : « Vous "
            "vous souvenez de la première fois que… ? » Ce sont eux qui rendront "
            "votre article vivant.",
        ),
        ("h", "Pendant l'interview"),
        (
            "p",
            "Parlez d'abord d'autre chose quelques minutes. Puis demandez si vous "
            "pouvez enregistrer, et lancez l'enregistrement. Regardez la personne "
            "plutôt que votre feuille. Laissez des silences : souvent, la phrase la "
            "plus forte arrive juste après un blanc, quand la personne ajoute "
            "quelque chose.",
        ),
        (
            "p",
            "Écoutez vraiment les réponses, et rebondissez : « Vous avez dit que "
            "c'était difficile au début, c'est-à-dire ? » Une bonne relance vaut "
            "mieux que la question suivante de votre liste.",
        ),
        (
            "tip",
            "Terminez toujours par : « Y a-t-il quelque chose dont on n'a pas parlé "
            "et que vous aimeriez dire ? » C'est souvent là que sort le plus beau "
            "moment.",
        ),
        ("h", "Après l'interview"),
        (
            "p",
            "Notez tout de suite vos impressions : le lieu, les gestes, ce qui vous "
            "a frappé. Réécoutez l'enregistrement et choisissez trois ou quatre "
            "phrases fortes. Inutile de tout garder : un bon portrait tient en une "
            "page.",
        ),
        (
            "p",
            "Si la personne le souhaite, faites-lui relire ses citations avant "
            "publication, surtout sur un sujet sensible. On ne lui fait pas "
            "réécrire l'article, mais on vérifie qu'on ne lui fait pas dire ce "
            "qu'elle n'a pas dit. Si une photo la montre, faites-lui signer "
            "l'autorisation de droit à l'image.",
        ),
        (
            "p",
            "Pour écrire l'article, partez du modèle « Portrait d'habitant·e » : il "
            "vous propose un plan et des exemples.",
        ),
    ],
}

PODCAST = {
    "slug": "enregistrer-un-podcast-avec-un-telephone",
    "title": "Enregistrer un podcast avec un téléphone",
    "summary": (
        "Un téléphone, un endroit calme et un peu de méthode suffisent pour un son "
        "clair : réglages, placement du micro, enregistrement à deux et envoi du "
        "fichier."
    ),
    "audience": "public",
    "topic": "son-image",
    "body": [
        (
            "p",
            "Pour une émission de radio de quartier ou un témoignage, le téléphone "
            "que vous avez dans la poche fait très bien l'affaire. Ce qui compte le "
            "plus, ce n'est pas le matériel : c'est l'endroit où vous enregistrez et "
            "la distance entre la bouche et le micro.",
        ),
        ("h", "Choisir le lieu"),
        (
            "p",
            "Les pires ennemis du son sont l'écho et le bruit de fond. Une petite "
            "pièce avec des meubles, des rideaux et des coussins sonne bien mieux "
            "qu'une grande salle vide au carrelage nu. Coupez la ventilation, "
            "fermez les fenêtres. Dehors, mettez-vous à l'abri du vent : un seul "
            "coup de vent dans le micro rend une phrase inaudible.",
        ),
        (
            "tip",
            "Faites le test : tapez dans vos mains. Si vous entendez un écho, "
            "changez de pièce ou rapprochez-vous des meubles.",
        ),
        ("h", "Régler le téléphone"),
        (
            "steps",
            [
                "Activez le mode avion : un appel ou une notification peut couper "
                "ou parasiter l'enregistrement.",
                "Utilisez l'application d'enregistrement fournie avec le téléphone "
                "(« Dictaphone », « Enregistreur », « Mémos vocaux ») : pas besoin "
                "d'en installer une autre.",
                "Si l'application le propose, choisissez la meilleure qualité.",
                "Vérifiez la place disponible : une heure d'enregistrement prend "
                "entre 30 et 100 Mo.",
                "Faites un essai de 20 secondes et réécoutez-le avec des écouteurs "
                "avant de commencer pour de vrai.",
            ],
        ),
        ("h", "Placer le micro"),
        (
            "p",
            "Le micro du téléphone se trouve en bas de l'appareil, près de la prise "
            "de charge. Tenez-le à une quinzaine de centimètres de la bouche, un peu "
            "sur le côté pour éviter les souffles des « p » et des « b ». Plus loin, "
            "on entend surtout la pièce ; plus près, la voix sature.",
        ),
        (
            "p",
            "À deux, posez le téléphone sur un livre ou une serviette pliée, au "
            "milieu de la table, et asseyez-vous assez près. Ne le tenez pas à la "
            "main : chaque mouvement des doigts s'entend. Évitez de poser des verres "
            "ou de tapoter sur la table.",
        ),
        (
            "p",
            "Si vous enregistrez souvent, un petit micro-cravate qui se branche sur "
            "le téléphone (une quinzaine d'euros) améliore beaucoup le son. "
            "Certaines maisons de quartier en prêtent.",
        ),
        ("h", "Pendant l'enregistrement"),
        (
            "p",
            "Laissez tourner quelques secondes de silence au début et à la fin : "
            "c'est plus facile à couper ensuite. Si quelqu'un se trompe, ne coupez "
            "pas : marquez une pause, puis reprenez la phrase depuis le début. Au "
            "montage, on gardera la bonne version.",
        ),
        (
            "p",
            "Parlez normalement, sans lire si possible. Une conversation naturelle "
            "s'écoute bien plus facilement qu'un texte récité.",
        ),
        ("h", "Envoyer le fichier"),
        (
            "p",
            "Dans la rubrique « Participer » du portail, vous pouvez joindre votre "
            "enregistrement à une proposition d'article (MP3, M4A, OGG ou WAV, "
            "50 Mo au plus). Pour un fichier plus lourd, coupez-le en deux ou "
            "confiez-le à l'équipe d'animation sur une clé USB. Dites qui parle et "
            "confirmez que les personnes enregistrées sont d'accord pour être "
            "diffusées.",
        ),
    ],
}

IMAGE_RIGHTS = {
    "slug": "droit-a-l-image-et-autorisations",
    "title": "Droit à l'image et autorisations",
    "summary": (
        "Quand faut-il demander l'accord des personnes photographiées, filmées ou "
        "enregistrées, comment le faire simplement, et que faire si quelqu'un "
        "change d'avis."
    ),
    "audience": "public",
    "topic": "droits",
    "body": [
        (
            "p",
            "Chacun a le droit de décider si son image peut être publiée. C'est la "
            "loi (le respect de la vie privée, article 9 du Code civil), mais c'est "
            "surtout une question de confiance : un média de quartier vit de la "
            "confiance de ses voisins. Une photo publiée sans accord peut blesser, "
            "mettre quelqu'un en danger ou simplement le gêner, et on ne la "
            "rattrape plus une fois partagée.",
        ),
        ("h", "La règle simple"),
        (
            "p",
            "Dès qu'une personne est reconnaissable sur une photo ou une vidéo, on "
            "lui demande son accord avant de publier. Pour un enfant ou un "
            "adolescent de moins de 18 ans, il faut l'accord d'un parent (ou du "
            "responsable légal), et on demande aussi son avis au jeune lui-même.",
        ),
        (
            "p",
            "Une foule vue de loin, lors d'un événement public, où personne n'est "
            "mis en avant, ne demande pas d'accord individuel. Mais dès qu'on cadre "
            "une personne ou un petit groupe, il faut l'accord.",
        ),
        ("h", "Comment demander"),
        (
            "steps",
            [
                "Avant de prendre la photo, dites qui vous êtes et où elle sera "
                "publiée : « C'est pour le portail du quartier, sur internet. »",
                "Pour une photo posée, un portrait ou une vidéo, faites signer "
                "l'autorisation écrite ci-dessous, et confiez-la à l'équipe "
                "d'animation qui la range avec les autres.",
                "Pour une photo prise sur le vif pendant un événement, un accord "
                "oral clair suffit souvent : notez le prénom et la date.",
                "En envoyant la photo sur le portail, indiquez que les personnes "
                "ont donné leur accord : le formulaire vous le demande.",
            ],
        ),
        (
            "doc",
            "autorisation",
            "À imprimer et à faire signer par chaque personne photographiée, "
            "filmée ou enregistrée (par un parent pour un mineur).",
        ),
        ("h", "Les situations à éviter"),
        (
            "p",
            "Ne publiez jamais sans accord la photo d'une personne dans une "
            "situation difficile (malaise, dispute, intervention de police, file "
            "d'attente d'une aide alimentaire), même si la scène compte pour le "
            "quartier. Racontez-la plutôt avec des mots, ou photographiez les lieux "
            "sans les personnes.",
        ),
        (
            "p",
            "Regardez aussi l'arrière-plan : une fenêtre, une plaque "
            "d'immatriculation, un enfant au fond de l'image. Recadrez ou choisissez "
            "une autre photo.",
        ),
        (
            "tip",
            "Dans le doute, ne publiez pas. Une photo de mains, de dos ou d'objets "
            "raconte souvent aussi bien une histoire.",
        ),
        ("h", "Quand quelqu'un change d'avis"),
        (
            "p",
            "Une personne peut retirer son accord à tout moment, même après la "
            "publication. On retire alors la photo sans discuter et sans lui "
            "demander de se justifier. Prévenez l'équipe d'animation : elle marque "
            "l'image « accord retiré », et elle n'apparaît plus nulle part sur le "
            "portail.",
        ),
        ("h", "Les voix et les témoignages"),
        (
            "p",
            "Les mêmes règles valent pour la voix. Avant d'enregistrer un "
            "témoignage, dites où il sera diffusé et demandez l'accord. Si la "
            "personne le souhaite, on peut changer son prénom ou diffuser sa voix "
            "sans son nom.",
        ),
    ],
}

PLAIN_FRENCH = {
    "slug": "ecrire-en-francais-facile",
    "title": "Écrire en français facile (FALC)",
    "summary": (
        "Des phrases courtes, des mots de tous les jours, une idée par phrase : "
        "écrire pour être compris de tous les voisins, y compris ceux qui lisent "
        "peu ou apprennent le français."
    ),
    "audience": "public",
    "topic": "ecrire",
    "body": [
        (
            "p",
            "Dans un quartier, beaucoup de personnes lisent difficilement : parce "
            "qu'elles apprennent le français, parce qu'elles ont quitté l'école tôt, "
            "parce que la lecture leur est difficile, ou tout simplement parce "
            "qu'elles lisent sur un petit téléphone, dans le bus. Écrire simplement, "
            "ce n'est pas écrire pour les enfants : c'est écrire pour être lu par "
            "tout le monde.",
        ),
        (
            "p",
            "La méthode « Facile à lire et à comprendre » (FALC) a été créée avec "
            "et pour les personnes qui ont un handicap intellectuel. Ses règles "
            "complètes sont exigeantes, mais quelques-unes suffisent déjà à rendre "
            "un article beaucoup plus clair.",
        ),
        ("h", "Les règles les plus utiles"),
        (
            "steps",
            [
                "Une idée par phrase. Au-delà de 15 à 20 mots, coupez la phrase en "
                "deux.",
                "Des mots de tous les jours : « commencer » plutôt qu'« initier », "
                "« aider » plutôt qu'« accompagner », « la mairie » plutôt que « la "
                "collectivité ».",
                "Pas de sigle sans explication. Écrivez d'abord le nom en entier : "
                "« la Caisse d'allocations familiales (CAF) ».",
                "Des phrases actives : « La mairie ferme la piscine » plutôt que "
                "« La piscine sera fermée par la mairie ».",
                "Pas de double négation : « Venez avant 10 heures » plutôt que « Il "
                "n'est pas impossible de venir après 10 heures ».",
                "Les nombres en chiffres : « 3 ateliers, le 12 mars à 14 h ».",
                "Toujours le même mot pour la même chose. Si vous parlez de « la "
                "salle commune », ne l'appelez pas ensuite « le local ».",
            ],
        ),
        ("h", "Organiser le texte"),
        (
            "p",
            "Mettez l'information la plus importante au début : quoi, quand, où, "
            "pour qui. Le lecteur pressé doit tout savoir en lisant les deux "
            "premières lignes. Les détails et l'histoire viennent ensuite.",
        ),
        (
            "p",
            "Faites des paragraphes courts, de deux à quatre phrases. Choisissez "
            "des intertitres qui disent ce qu'il y a dessous : « Comment "
            "s'inscrire » est plus utile que « Modalités ». Pour une liste de choses "
            "à apporter ou d'étapes à suivre, faites une vraie liste.",
        ),
        (
            "tip",
            "Relisez votre texte à voix haute. Là où vous reprenez votre souffle, "
            "il faut un point. Là où vous butez, il faut un mot plus simple.",
        ),
        ("h", "Tester avec un voisin"),
        (
            "p",
            "Le meilleur test : faites lire votre texte à quelqu'un qui ne connaît "
            "pas le sujet, et demandez-lui de vous redire en une phrase ce qu'il a "
            "compris. S'il hésite, c'est le texte qu'il faut changer, pas le "
            "lecteur.",
        ),
        ("h", "Les images aident aussi"),
        (
            "p",
            "Une photo claire, une carte ou un pictogramme aident à comprendre. "
            "Écrivez une courte description de chaque photo : le téléphone des "
            "personnes aveugles la leur lit, et elle aide tous ceux qui ont une "
            "connexion lente.",
        ),
    ],
}

FILMING = {
    "slug": "filmer-avec-un-telephone",
    "title": "Filmer avec un téléphone",
    "summary": (
        "Tenir son téléphone à l'horizontale, soigner le son et la lumière, faire "
        "des plans courts : les bons gestes pour une vidéo de quartier agréable à "
        "regarder."
    ),
    "audience": "public",
    "topic": "son-image",
    "body": [
        (
            "p",
            "Une vidéo de deux minutes bien faite vaut mieux qu'un long film "
            "difficile à regarder. Avec un téléphone récent, l'image est presque "
            "toujours assez bonne : ce qui fait la différence, c'est la stabilité, "
            "la lumière et surtout le son.",
        ),
        ("h", "Avant de filmer"),
        (
            "steps",
            [
                "Tenez le téléphone à l'horizontale, sauf si la vidéo est faite "
                "seulement pour les réseaux sociaux en format vertical.",
                "Nettoyez l'objectif avec un tissu doux : une trace de doigt rend "
                "toute l'image floue.",
                "Activez le mode avion, vérifiez la batterie et la place : une "
                "minute de vidéo prend environ 100 à 200 Mo.",
                "Choisissez la qualité « 1080p » : c'est largement suffisant, et "
                "plus léger que la 4K.",
            ],
        ),
        ("h", "La lumière"),
        (
            "p",
            "Filmez avec la lumière dans votre dos, jamais en face : une personne "
            "devant une fenêtre devient une silhouette noire. Dehors, l'ombre "
            "légère d'un arbre ou d'un immeuble est plus douce que le plein soleil "
            "de midi. Dedans, placez la personne près d'une fenêtre, la lumière "
            "venant de côté.",
        ),
        ("h", "La stabilité"),
        (
            "p",
            "Tenez le téléphone à deux mains, coudes contre le corps, ou posez-le "
            "sur un appui : un muret, une pile de livres, un petit trépied. Évitez "
            "le zoom, qui abîme l'image : avancez-vous plutôt. Faites des plans "
            "fixes de 5 à 10 secondes, puis changez de place.",
        ),
        (
            "tip",
            "Pensez en petits morceaux : un plan large pour montrer où l'on est, "
            "un plan moyen sur la personne, un gros plan sur un détail (des mains "
            "qui travaillent, un visage qui rit). Au montage, vous aurez de quoi "
            "raconter.",
        ),
        ("h", "Le son, encore le son"),
        (
            "p",
            "On pardonne une image imparfaite, jamais un son inaudible. Pour une "
            "interview, rapprochez-vous : à plus d'un mètre, le micro du téléphone "
            "capte surtout le bruit autour. Un micro-cravate branché sur le "
            "téléphone change tout. Éloignez-vous des routes, des fontaines et de "
            "la musique.",
        ),
        ("h", "Filmer des personnes"),
        (
            "p",
            "Demandez l'accord des personnes que vous filmez de près, et celui d'un "
            "parent pour les enfants : le guide « Droit à l'image et "
            "autorisations » explique comment faire. Pendant une fête, prévenez "
            "que vous filmez pour le portail du quartier, et respectez celles et "
            "ceux qui ne veulent pas apparaître.",
        ),
        ("h", "Envoyer sa vidéo"),
        (
            "p",
            "Avant d'envoyer la vidéo, coupez le début et la fin inutiles avec "
            "l'outil de découpage de votre téléphone (dans la galerie, "
            "« Modifier »). Donnez-lui un titre clair et écrivez deux phrases pour "
            "dire ce qu'on y voit. L'équipe d'animation vous aidera pour le reste.",
        ),
    ],
}

GUIDES = [INTERVIEW, PODCAST, IMAGE_RIGHTS, PLAIN_FRENCH, FILMING]
