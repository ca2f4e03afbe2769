"""The web TV's public pages under the browser harness."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase("tv-home", "/peupliers/tv/", reflow=True),
    PageCase("tv-programme", "/peupliers/tv/?programme=portraits-du-quartier"),
    PageCase(
        "tv-video",
        "/peupliers/tv/la-fresque-du-square-de-l-esquisse-aux-couleurs/",
        reflow=True,
    ),
    PageCase("tv-article-with-video", "/peupliers/journal/article-7/", reflow=True),
]
