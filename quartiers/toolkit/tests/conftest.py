import json

import pytest

from quartiers.toolkit import services
from quartiers.toolkit.models import GuidePage, TemplatePage


@pytest.fixture
def toolkit(db):
    return services.toolkit_index()


@pytest.fixture
def make_guide(toolkit):
    def make(title, *, audience=GuidePage.AUDIENCE_PUBLIC, topic="ecrire", text=""):
        guide = GuidePage(
            title=title,
            summary=f"Résumé de {title}.",
            audience=audience,
            topic=topic,
            body=json.dumps(
                [{"type": "paragraph", "value": f"<p>{text or 'Texte du guide.'}</p>"}]
            ),
        )
        toolkit.add_child(instance=guide)
        guide.save_revision().publish()
        return guide

    return make


@pytest.fixture
def make_template(toolkit):
    def make(
        title="Portrait d'habitant·e",
        *,
        for_animators=True,
        for_residents=True,
        rubrique_slug="portraits",
    ):
        template = TemplatePage(
            title=title,
            summary="Faire découvrir une voisine ou un voisin.",
            article_title="[Prénom], [ce qui la rend unique]",
            article_chapo="[Qui est-elle, en deux phrases.]",
            rubrique_slug=rubrique_slug,
            body=json.dumps(
                [
                    {"type": "heading", "value": "Son parcours"},
                    {"type": "instruction", "value": "D'où vient-elle ?"},
                    {
                        "type": "paragraph",
                        "value": "<p>Propos recueillis par <b>[vous]</b>.</p>",
                    },
                    {
                        "type": "quote",
                        "value": {
                            "text": "[Une phrase forte]",
                            "attribution": "[Prénom]",
                        },
                    },
                ]
            ),
            for_animators=for_animators,
            for_residents=for_residents,
        )
        toolkit.add_child(instance=template)
        template.save_revision().publish()
        return template

    return make
