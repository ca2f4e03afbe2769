"""The network's demo toolkit: guides, article templates and documents.

Seeders run once per demo portal; the toolkit belongs to the whole network, so
this one fills it the first time and finds it complete afterwards (one query).
"""

import json

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model

from .. import pdf, services
from ..models import GuidePage, TemplatePage
from .documents import DOCUMENTS
from .guides_animation import GUIDES as ANIMATION_GUIDES
from .guides_public import GUIDES as PUBLIC_GUIDES
from .templates import TEMPLATES

GUIDES = ANIMATION_GUIDES + PUBLIC_GUIDES


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def _blocks(spec: list, documents: dict) -> str:
    blocks = []
    for kind, *args in spec:
        if kind == "p":
            blocks.append(_paragraph(args[0]))
        elif kind == "h":
            blocks.append({"type": "heading", "value": args[0]})
        elif kind == "ul":
            items = "".join(f"<li>{escape(item)}</li>" for item in args[0])
            blocks.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        elif kind in ("steps", "tip", "instruction"):
            blocks.append({"type": kind, "value": args[0]})
        elif kind == "quote":
            blocks.append(
                {"type": "quote", "value": {"text": args[0], "attribution": args[1]}}
            )
        elif kind == "doc":
            blocks.append(
                {
                    "type": "document",
                    "value": {
                        "document": documents[args[0]].pk,
                        "description": args[1],
                    },
                }
            )
    return json.dumps(blocks)


def _documents(collection) -> dict:
    Document = get_document_model()
    found = {}
    for spec in DOCUMENTS:
        document = Document.objects.filter(
            collection=collection, title=spec["title"]
        ).first()
        if document is None:
            document = Document(
                title=spec["title"],
                collection=collection,
                file=ContentFile(
                    pdf.build(spec["pdf_title"], spec["paragraphs"]),
                    name=spec["file_name"],
                ),
            )
            document._set_document_file_metadata()
            document.save()
        found[spec["key"]] = document
    return found


def _publish(index, page) -> None:
    index.add_child(instance=page)
    page.save_revision().publish()


def seed_toolkit(portal=None) -> None:
    """Fill the network's toolkit once; later calls find it complete."""
    index = services.toolkit_index()
    wanted = {spec["slug"] for spec in GUIDES + TEMPLATES}
    present = set(
        index.get_children().filter(slug__in=wanted).values_list("slug", flat=True)
    )
    if present == wanted:
        return
    documents = _documents(index.collection)
    for spec in GUIDES:
        if spec["slug"] not in present:
            _publish(
                index,
                GuidePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    audience=spec["audience"],
                    topic=spec["topic"],
                    body=_blocks(spec["body"], documents),
                ),
            )
    for spec in TEMPLATES:
        if spec["slug"] not in present:
            _publish(
                index,
                TemplatePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    article_title=spec["article_title"],
                    article_chapo=spec["article_chapo"],
                    rubrique_slug=spec["rubrique_slug"],
                    body=_blocks(spec["body"], documents),
                    for_animators=True,
                    for_residents=True,
                ),
            )
