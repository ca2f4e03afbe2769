"""Outreach's public pages under the browser harness: the widget builder and
each widget (light and dark), as partners' sites show them."""

from tests.browser.cases import PageCase

WIDGETS = [
    ("articles", "articles/?nombre=5"),
    ("evenements", "evenements/?nombre=5&jours=60"),
    ("annonces", "annonces/?nombre=5"),
    ("radio", "radio/"),
    ("episode", "episode/"),
    ("video", "video/"),
    ("acteur", "acteur/?acteur=boulangerie-aux-bons-pains&jours=60"),
]

PAGES = [
    PageCase("outreach-builder", "/peupliers/widgets/", reflow=True),
    PageCase(
        "outreach-builder-preview",
        "/peupliers/widgets/?contenu=evenements&nombre=4&jours=30&theme=sombre"
        "&taille=moyen",
        reflow=True,
    ),
    *(
        PageCase(
            f"outreach-widget-{name}-{theme}",
            f"/peupliers/widgets/{path}{'&' if '?' in path else '?'}theme={theme}",
            reflow=True,
        )
        for name, path in WIDGETS
        for theme in ("clair", "sombre")
    ),
    PageCase(
        "outreach-widget-error",
        "/peupliers/widgets/articles/?nombre=1000000000",
        status=400,
    ),
]
