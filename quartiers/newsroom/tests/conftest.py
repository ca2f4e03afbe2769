import json

import pytest

from quartiers.newsroom import selectors
from quartiers.newsroom.models import ArticleAuthor, ArticlePage, Rubrique


@pytest.fixture
def publish_article():
    def publish(
        portal,
        title,
        *,
        rubrique_slug=None,
        author=None,
        featured=False,
        body=None,
        tags=(),
    ):
        journal = selectors.journal_of(portal)
        rubrique = (
            Rubrique.objects.filter(portal=portal, slug=rubrique_slug).first()
            if rubrique_slug
            else None
        )
        page = ArticlePage(
            title=title,
            chapo=f"Chapeau de {title}",
            rubrique=rubrique,
            featured=featured,
            body=json.dumps(
                body or [{"type": "paragraph", "value": f"<p>Texte de {title}.</p>"}]
            ),
        )
        if author is not None:
            page.authors.add(ArticleAuthor(user=author))
        journal.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        page.save_revision().publish()
        return page

    return publish
