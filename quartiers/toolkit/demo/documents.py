"""Demo toolkit: printable documents, generated as simple PDF files."""

LINE = "_" * 48
SHORT = "_" * 22

CONSENT_FORM = {
    "key": "autorisation",
    "title": "Autorisation d'utiliser l'image et la voix (formulaire à imprimer)",
    "file_name": "autorisation-image-et-voix.pdf",
    "pdf_title": "Autorisation d'utiliser l'image et la voix",
    "paragraphs": [
        ("body", "Média de quartier — réseau Avis de Quartiers"),
        ("body", ""),
        ("body", "Je soussigné·e :"),
        ("body", f"Nom et prénom : {LINE}"),
        ("body", f"Adresse ou quartier : {LINE}"),
        ("body", f"Téléphone ou email (facultatif) : {SHORT}{SHORT}"),
        ("body", ""),
        ("body", f"autorise l'équipe du portail du quartier : {LINE}"),
        (
            "body",
            f"à publier les photos, la vidéo ou l'enregistrement de ma voix réalisés "
            f"le {SHORT} à (lieu) {SHORT}, pour le sujet ou l'événement suivant : "
            f"{LINE}",
        ),
        ("body", ""),
        ("heading", "Cette autorisation vaut pour (cochez les cases)"),
        ("body", "[  ] les photos        [  ] la vidéo        [  ] l'enregistrement"),
        (
            "body",
            "[  ] avec mon prénom    [  ] avec mon nom complet    [  ] sans mon nom",
        ),
        ("body", ""),
        ("heading", "Ce que l'équipe s'engage à faire"),
        (
            "body",
            "Les images et les sons sont publiés sur le portail du quartier (site "
            "internet) et peuvent être repris par les autres portails du réseau "
            "Avis de Quartiers. Ils ne sont ni vendus, ni utilisés pour de la "
            "publicité.",
        ),
        (
            "body",
            "Cette autorisation est donnée gratuitement. Je peux la retirer à tout "
            "moment, sans avoir à me justifier, en prévenant l'équipe d'animation : "
            "les images et les sons sont alors retirés du portail.",
        ),
        ("body", ""),
        ("heading", "Pour une personne mineure (moins de 18 ans)"),
        (
            "body",
            f"Je soussigné·e {SHORT}{SHORT}, parent ou responsable légal de "
            f"(prénom de l'enfant) {SHORT}, donne mon accord dans les mêmes "
            "conditions. L'enfant a été informé·e et il ou elle est d'accord.",
        ),
        ("body", ""),
        ("body", f"Fait à {SHORT}, le {SHORT}"),
        ("body", ""),
        ("body", "Signature de la personne (ou du parent) :"),
        ("body", ""),
        ("body", ""),
        ("body", ""),
        (
            "body",
            "Document à conserver par l'équipe d'animation. Une copie est remise à "
            "la personne si elle le demande.",
        ),
    ],
}

INTERVIEW_SHEET = {
    "key": "fiche-interview",
    "title": "Fiche de préparation d'une interview",
    "file_name": "fiche-preparation-interview.pdf",
    "pdf_title": "Fiche de préparation d'une interview",
    "paragraphs": [
        ("body", f"Personne interviewée : {LINE}"),
        ("body", f"Pourquoi elle ou lui, en une phrase : {LINE}"),
        ("body", f"Date, heure et lieu du rendez-vous : {LINE}"),
        ("body", ""),
        ("heading", "Avant le rendez-vous"),
        ("body", "[  ] J'ai dit à la personne où l'interview sera publiée."),
        ("body", "[  ] Mon téléphone est chargé, en mode avion, avec assez de place."),
        ("body", "[  ] J'ai choisi un endroit calme."),
        ("body", "[  ] J'ai imprimé l'autorisation de droit à l'image."),
        ("body", ""),
        ("heading", "Mes questions, des plus simples aux plus personnelles"),
        ("body", f"1. Pouvez-vous vous présenter en quelques mots ? {SHORT}"),
        ("body", "2. Depuis quand êtes-vous dans le quartier ? Comment y êtes-vous"),
        ("body", f"    arrivé·e ? {LINE}"),
        ("body", f"3. {LINE}{SHORT}"),
        ("body", f"4. {LINE}{SHORT}"),
        ("body", f"5. {LINE}{SHORT}"),
        ("body", f"6. {LINE}{SHORT}"),
        ("body", "7. Y a-t-il quelque chose dont on n'a pas parlé et que vous"),
        ("body", "    aimeriez dire ?"),
        ("body", ""),
        ("heading", "Après l'interview"),
        ("body", f"Mes impressions (le lieu, les gestes, ce qui m'a frappé) : {SHORT}"),
        ("body", f"{LINE}{SHORT}"),
        ("body", f"Les trois phrases les plus fortes : {LINE}"),
        ("body", f"{LINE}{SHORT}"),
        ("body", "[  ] La personne veut relire ses citations avant publication."),
        ("body", "[  ] L'autorisation de droit à l'image est signée."),
    ],
}

DOCUMENTS = [CONSENT_FORM, INTERVIEW_SHEET]
