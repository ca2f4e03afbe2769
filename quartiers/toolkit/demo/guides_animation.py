"""Demo toolkit: the guides written for animators (plain French, real use)."""

COMMITTEE = {
    "slug": "animer-un-comite-de-redaction",
    "title": "Animer un comité de rédaction",
    "summary": (
        "Réunir les habitants une fois par mois pour choisir ensemble les sujets, "
        "répartir le travail et relire : la méthode pas à pas, de l'invitation au "
        "compte rendu."
    ),
    "audience": "animateurs",
    "topic": "redaction",
    "body": [
        ("h", "À quoi sert le comité de rédaction"),
        (
            "p",
            "Le comité de rédaction est le cœur d'un média de quartier. C'est le "
            "moment où les habitants décident ensemble de ce qui sera raconté, par "
            "qui et quand. Sans lui, l'équipe d'animation finit par tout écrire "
            "seule et le portail ne ressemble plus au quartier. Avec lui, chacun "
            "repart avec une mission à sa mesure : une photo à prendre, une personne "
            "à interviewer, un texte à relire.",
        ),
        ("h", "Avant la réunion"),
        (
            "steps",
            [
                "Fixez un rythme régulier et tenez-le : par exemple le premier mardi "
                "du mois, de 18 h à 19 h 30. La régularité compte plus que la "
                "fréquence.",
                "Choisissez un lieu connu et accessible : maison de quartier, centre "
                "social, médiathèque, local associatif. Évitez les lieux où certains "
                "ne se sentent pas chez eux.",
                "Invitez largement : affiche dans les halls, message sur le portail, "
                "mot aux associations, et surtout invitation de vive voix. Une "
                "personne qu'on a invitée personnellement vient bien plus souvent.",
                "Préparez un ordre du jour court, trois points au plus, et quelques "
                "idées de sujets pour lancer la discussion.",
                "Prévoyez à boire et de quoi grignoter. Ce n'est pas un détail : "
                "c'est ce qui fait qu'on reste.",
            ],
        ),
        ("h", "Pendant la réunion"),
        (
            "p",
            "Commencez par un tour de table rapide : son prénom, depuis quand on "
            "habite le quartier, une chose qu'on a vue ou entendue ce mois-ci. Ce "
            "tour de table fait souvent surgir les meilleurs sujets.",
        ),
        (
            "p",
            "Faites ensuite le point sur ce qui a été publié depuis la dernière fois. "
            "Montrez les articles sur un téléphone ou un ordinateur, lisez les "
            "commentaires reçus, remerciez nommément celles et ceux qui ont "
            "contribué.",
        ),
        (
            "p",
            "Passez enfin aux sujets à venir. Notez toutes les idées sur une grande "
            "feuille, sans les juger. Ensuite seulement, choisissez ensemble trois à "
            "cinq sujets pour le mois, en vous posant trois questions : est-ce que "
            "ça intéresse les voisins ? Est-ce que quelqu'un ici a envie de s'en "
            "occuper ? Est-ce faisable en un mois ?",
        ),
        (
            "p",
            "Pour chaque sujet retenu, notez qui s'en occupe, avec qui, sous quelle "
            "forme (texte, photo, son, vidéo) et pour quand. Personne ne doit "
            "repartir seul avec un sujet trop lourd : associez une personne qui "
            "débute à une personne plus à l'aise.",
        ),
        (
            "tip",
            "Donnez la parole à celles et ceux qui la prennent moins. Si deux ou "
            "trois personnes parlent beaucoup, proposez un tour de parole ou "
            "demandez directement leur avis aux plus discrets.",
        ),
        ("h", "Les sujets délicats"),
        (
            "p",
            "Un habitant propose un sujet sur un conflit de voisinage, une personne "
            "mise en cause ou une rumeur ? Ne refusez pas d'emblée : cherchez "
            "ensemble l'histoire qui concerne tout le monde derrière le cas "
            "particulier. Rappelez les règles du portail : on ne publie rien qui "
            "puisse nuire à une personne reconnaissable, on vérifie ce qu'on "
            "affirme, on donne la parole à chacun.",
        ),
        ("h", "Après la réunion"),
        (
            "p",
            "Envoyez dans les deux jours un compte rendu court à tous les "
            "participants, et même aux absents : les sujets retenus, qui s'en "
            "occupe, la date de la prochaine réunion. Le modèle « Compte rendu de "
            "réunion » de la boîte à outils vous fait gagner du temps.",
        ),
        (
            "p",
            "Entre deux comités, prenez des nouvelles des personnes qui travaillent "
            "sur un sujet. Un simple message suffit souvent à débloquer quelqu'un "
            "qui n'ose pas envoyer son texte.",
        ),
        (
            "tip",
            "Un comité de rédaction réussi n'est pas celui où l'on est nombreux : "
            "c'est celui d'où chacun repart avec quelque chose à faire et l'envie "
            "de revenir.",
        ),
    ],
}

MODERATION = {
    "slug": "moderer-avec-bienveillance",
    "title": "Modérer avec bienveillance",
    "summary": (
        "Publier, demander une correction ou refuser un commentaire, une annonce "
        "ou un article : des repères pour décider vite, expliquer ses choix et "
        "garder le dialogue avec tout le monde."
    ),
    "audience": "animateurs",
    "topic": "communaute",
    "body": [
        (
            "p",
            "Modérer, ce n'est pas censurer : c'est prendre soin de l'espace commun "
            "pour que chacun ose s'y exprimer. Les habitants les plus fragiles, ceux "
            "qui écrivent pour la première fois, sont aussi ceux qui partent au "
            "premier commentaire blessant. Votre rôle est de les protéger, tout en "
            "laissant vivre le débat.",
        ),
        ("h", "Trois décisions possibles"),
        (
            "p",
            "Pour chaque contribution, vous avez trois possibilités : publier, "
            "demander une modification, refuser. La plupart des contributions se "
            "publient telles quelles. Quand quelque chose pose problème, préférez la "
            "demande de modification au refus : un habitant à qui l'on explique "
            "comment améliorer son texte revient ; un habitant refusé sans "
            "explication ne revient pas.",
        ),
        ("h", "Ce qu'on ne publie pas"),
        (
            "ul",
            [
                "Les insultes, les menaces, le harcèlement, les propos racistes, "
                "sexistes, homophobes ou qui visent une religion.",
                "Les accusations contre une personne reconnaissable (« le gardien du "
                "bâtiment C vole… ») : même si c'était vrai, ce n'est pas au portail "
                "de juger.",
                "Les informations personnelles d'autrui : adresse, numéro de "
                "téléphone, plaque d'immatriculation.",
                "Les photos de personnes reconnaissables sans leur accord.",
                "La publicité déguisée et les arnaques.",
            ],
        ),
        (
            "p",
            "La colère, elle, a sa place. Un habitant a le droit d'être en colère "
            "contre l'état des ascenseurs, contre le bailleur ou contre la mairie, "
            "et de le dire fermement. On modère les attaques contre des personnes, "
            "pas la critique des institutions.",
        ),
        ("h", "Expliquer chaque refus"),
        (
            "p",
            "Quand vous refusez ou demandez une modification, écrivez un message "
            "court, poli et précis : ce qui pose problème, et comment y remédier. "
            "Par exemple : « Merci pour votre message sur le parking. Nous ne "
            "pouvons pas publier le passage qui nomme votre voisin, car il ne peut "
            "pas vous répondre ici. Si vous enlevez son nom, votre témoignage sera "
            "publié. »",
        ),
        (
            "tip",
            "Écrivez votre message comme si vous parliez à la personne en face, "
            "dans le hall de son immeuble. C'est souvent là que vous la croiserez "
            "le lendemain.",
        ),
        ("h", "Quand le ton monte"),
        (
            "p",
            "Sous un article sensible, les commentaires peuvent s'enflammer. "
            "Intervenez tôt, avec un commentaire signé de l'équipe d'animation qui "
            "rappelle les règles sans viser personne. Si besoin, passez le portail "
            "en relecture avant publication pendant quelques jours. Proposez aux "
            "personnes en désaccord de se retrouver au prochain comité de "
            "rédaction : en face à face, les choses s'apaisent presque toujours.",
        ),
        ("h", "Prendre soin de soi"),
        (
            "p",
            "Modérer peut être éprouvant : on lit parfois des choses dures. Ne "
            "restez pas seul. Parlez des cas difficiles avec votre équipe ou avec "
            "la coordination du réseau, et confiez la décision à quelqu'un d'autre "
            "quand vous êtes personnellement visé. Chaque décision est gardée dans "
            "l'historique de modération : vous pourrez toujours expliquer ce qui a "
            "été fait, et pourquoi.",
        ),
    ],
}

WORKSHOP = {
    "slug": "organiser-un-atelier-d-ecriture",
    "title": "Organiser un atelier d'écriture",
    "summary": (
        "Deux heures pour que des habitants qui n'écrivent jamais repartent avec "
        "un texte dont ils sont fiers : déroulé, consignes qui marchent et pièges "
        "à éviter."
    ),
    "audience": "animateurs",
    "topic": "redaction",
    "body": [
        (
            "p",
            "Beaucoup d'habitants ont des histoires à raconter mais pensent qu'ils "
            "« ne savent pas écrire ». L'atelier d'écriture est le meilleur moyen "
            "de lever cette peur : en petit groupe, avec des consignes simples et "
            "sans note, chacun découvre qu'il peut écrire quelque chose qui touche "
            "les autres.",
        ),
        ("h", "Préparer"),
        (
            "steps",
            [
                "Un groupe de 6 à 10 personnes, pas plus, pour que chacun ait le "
                "temps de lire son texte.",
                "Deux heures, pause comprise, à un moment qui convient aux personnes "
                "visées : le samedi matin pour les parents, l'après-midi en semaine "
                "pour les retraités, après les cours pour les jeunes.",
                "Du papier, des stylos, et quelques photos du quartier ou objets "
                "pour donner des idées.",
                "Pour celles et ceux qui écrivent difficilement, prévoyez qu'ils "
                "puissent dicter à un voisin ou s'enregistrer avec leur téléphone.",
            ],
        ),
        ("h", "Un déroulé qui marche"),
        (
            "p",
            "Commencez par un petit jeu d'écriture de cinq minutes, sans enjeu : "
            "« Écrivez trois choses que vous entendez le matin en ouvrant la "
            "fenêtre. » Ceux qui le veulent lisent à voix haute. On rit souvent, et "
            "la glace est brisée.",
        ),
        (
            "p",
            "Proposez ensuite la consigne principale, toujours concrète et liée au "
            "quartier. Quelques consignes qui fonctionnent bien :",
        ),
        (
            "ul",
            [
                "« Racontez la première fois que vous êtes arrivé·e dans le "
                "quartier. »",
                "« Décrivez un lieu du quartier que vous aimez, sans dire son nom : "
                "les autres doivent deviner. »",
                "« Faites le portrait d'une personne que tout le monde croise mais "
                "que personne ne connaît vraiment. »",
                "« Écrivez une lettre au quartier tel qu'il sera dans vingt ans. »",
            ],
        ),
        (
            "p",
            "Laissez vingt à trente minutes d'écriture. Passez voir chacun, "
            "encouragez, aidez ceux qui bloquent avec une question : « Qu'est-ce "
            "que vous avez vu ce jour-là ? Qu'est-ce que vous avez ressenti ? »",
        ),
        (
            "p",
            "Vient alors le moment le plus important : la lecture. Chacun lit s'il "
            "le souhaite, personne n'y est obligé. Après chaque texte, on dit "
            "seulement ce qu'on a aimé. Pas de critique, pas de correction "
            "d'orthographe : ce n'est pas le moment.",
        ),
        (
            "tip",
            "Écrivez vous aussi, et lisez votre texte en premier. Si la personne "
            "qui anime ose se montrer imparfaite, les autres oseront aussi.",
        ),
        ("h", "Du texte à l'article"),
        (
            "p",
            "À la fin de l'atelier, proposez à celles et ceux qui le souhaitent de "
            "publier leur texte sur le portail. Aidez-les à le saisir dans "
            "« Participer », ou saisissez-le avec eux. Corrigez l'orthographe "
            "ensemble, en expliquant, jamais à leur place sans le leur dire. "
            "Demandez l'accord écrit des personnes dont le texte parle.",
        ),
        (
            "p",
            "Un atelier par trimestre suffit souvent à faire émerger de nouvelles "
            "plumes pour le comité de rédaction.",
        ),
    ],
}

CLASSIFIEDS = {
    "slug": "faire-vivre-les-petites-annonces",
    "title": "Faire vivre les petites annonces",
    "summary": (
        "Dons, prêts, coups de main et petits boulots : comment lancer la "
        "rubrique des annonces, la faire connaître et la garder utile, sûre et à "
        "jour."
    ),
    "audience": "animateurs",
    "topic": "communaute",
    "body": [
        (
            "p",
            "Les petites annonces sont souvent la rubrique la plus lue d'un portail "
            "de quartier. Un lit d'enfant à donner, une perceuse à prêter, "
            "quelqu'un pour aider à monter des courses au quatrième étage, des cours "
            "de cuisine contre des cours de français : c'est l'entraide du quartier "
            "rendue visible. Encore faut-il que la rubrique soit vivante dès le "
            "premier jour.",
        ),
        ("h", "Lancer la rubrique"),
        (
            "p",
            "Une rubrique vide n'attire personne. Avant d'annoncer l'ouverture, "
            "publiez vous-même, avec l'accord des personnes, une dizaine d'annonces "
            "réelles recueillies autour de vous : à la maison de quartier, à "
            "l'amicale des locataires, au centre social, chez les commerçants. "
            "Variez les genres : dons, prêts, demandes d'aide, échanges de services.",
        ),
        (
            "steps",
            [
                "Affichez dans les halls une annonce papier avec l'adresse du "
                "portail et un exemple concret.",
                "Tenez une permanence « petites annonces » un jour de marché : les "
                "gens dictent, vous saisissez avec eux.",
                "Demandez aux associations de passer par le portail pour leurs "
                "appels à bénévoles.",
            ],
        ),
        ("h", "Garder la rubrique utile"),
        (
            "p",
            "Une annonce périmée déçoit : la personne qui appelle pour le lit "
            "d'enfant donné il y a trois mois ne reviendra pas. Les annonces "
            "expirent d'elles-mêmes au bout de quelques semaines, mais prenez "
            "l'habitude, une fois par semaine, de parcourir les annonces en cours et "
            "de relancer gentiment leurs auteurs : « Votre annonce est-elle "
            "toujours d'actualité ? »",
        ),
        (
            "p",
            "Mettez en valeur les belles histoires : un don qui a permis à une "
            "famille de s'installer, un échange de services devenu une amitié. Un "
            "court article dans le journal, avec l'accord des personnes, donne "
            "envie à d'autres de publier.",
        ),
        ("h", "La sécurité d'abord"),
        ("p", "Quelques règles protègent tout le monde ; rappelez-les souvent :"),
        (
            "ul",
            [
                "Les numéros de téléphone et les adresses ne s'affichent pas sur "
                "l'annonce : on se contacte par le portail.",
                "On se rencontre dans un lieu public ou à la maison de quartier, de "
                "jour.",
                "On ne verse jamais d'argent à l'avance pour un objet qu'on n'a pas "
                "vu.",
                "Les petits boulots respectent la loi : pas de travail au noir. "
                "Orientez vers les solutions adaptées (chèque emploi service, "
                "associations intermédiaires) quand c'est utile.",
            ],
        ),
        (
            "tip",
            "Une annonce suspecte (prix trop beau, demande d'argent, lien vers un "
            "autre site) se retire sans attendre. Expliquez-le à son auteur s'il "
            "est de bonne foi.",
        ),
        ("h", "Ce qu'on refuse"),
        (
            "p",
            "On ne publie pas d'annonces commerciales déguisées, de sous-locations "
            "non déclarées, ni de ventes d'objets interdits ou dangereux. En cas de "
            "doute, demandez conseil à la coordination du réseau : d'autres "
            "quartiers ont sûrement déjà rencontré la même situation.",
        ),
    ],
}

GUIDES = [COMMITTEE, MODERATION, WORKSHOP, CLASSIFIEDS]
