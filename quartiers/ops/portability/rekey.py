"""Ids that hide inside text: rich text and the JSON of revisions.

A page links to another page, an image or a document of the portal by its
primary key (``<a linktype="page" id="12">``, ``<embed embedtype="image"
id="7" …/>``), and a revision keeps a whole page as JSON, foreign keys and
child rows included. On the new install every one of those ids changes.
"""

import json
import re
from collections.abc import Callable

from django.conf import settings
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from . import graph

# lookup(root label, old id) -> new id, or None when the row did not come.
Lookup = Callable[[str, object], object]

TAG = re.compile(r"<(a|embed)\b([^>]*?)(/?)>", re.IGNORECASE)
ID = re.compile(r"""\bid=(["'])(\d+)\1""")
KINDS = re.compile(r"""\b(?:linktype|embedtype)=(["'])(page|image|document)\1""")


def _target(kind: str) -> str:
    if kind == "page":
        return graph.PAGE
    if kind == "image":
        return settings.WAGTAILIMAGES_IMAGE_MODEL
    return getattr(settings, "WAGTAILDOCS_DOCUMENT_MODEL", "wagtaildocs.Document")


def rich_text(html: str, lookup: Lookup) -> str:
    """Rewrite the ids of links and embeds; a link to something that did not
    come becomes plain text's link without a target, an embed goes."""

    def replace(match: re.Match) -> str:
        tag, attrs, closing = match.groups()
        kind = KINDS.search(attrs)
        number = ID.search(attrs)
        if not kind or not number:
            return match.group(0)
        new = lookup(_target(kind.group(2)), number.group(2))
        if new is None:
            if tag.lower() == "embed":
                return ""
            return "<a>"
        attrs = ID.sub(f'id="{new}"', attrs, count=1)
        return f"<{tag}{attrs}{closing}>"

    return TAG.sub(replace, html) if html else html


def stream(block, value, lookup: Lookup):
    """The raw JSON of a StreamField, walked along its block definitions:
    chooser blocks hold ids, rich text blocks hold links and embeds."""
    if isinstance(block, blocks.StreamBlock):
        out = []
        for item in value or []:
            child = (
                block.child_blocks.get(item.get("type"))
                if isinstance(item, dict)
                else None
            )
            if child is None:
                out.append(item)
                continue
            out.append({**item, "value": stream(child, item.get("value"), lookup)})
        return out
    if isinstance(block, blocks.ListBlock):
        out = []
        for item in value or []:
            if isinstance(item, dict) and "type" in item and "value" in item:
                out.append(
                    {**item, "value": stream(block.child_block, item["value"], lookup)}
                )
            else:
                out.append(stream(block.child_block, item, lookup))
        return out
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            return value
        return {
            key: stream(block.child_blocks[key], item, lookup)
            if key in block.child_blocks
            else item
            for key, item in value.items()
        }
    if isinstance(block, blocks.ChooserBlock):
        if value is None or value == "":
            return value
        return lookup(graph.root_label(block.target_model), value)
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        return rich_text(value, lookup)
    return value


def stream_field(field, value, lookup: Lookup):
    """A StreamField's stored value (a list, or its JSON text), re-keyed."""
    if isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return value
        return json.dumps(stream(field.stream_block, data, lookup))
    return stream(field.stream_block, value, lookup)


def serialized(model, data: dict, lookup: Lookup, fix: Callable | None = None) -> dict:
    """A page (or any cluster model) as a revision keeps it, re-keyed."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if "pk" in out and out["pk"] is not None:
        out["pk"] = lookup(graph.root_label(model), out["pk"])
    for field in model._meta.concrete_fields:
        if field.name not in out:
            continue
        value = out[field.name]
        if field.primary_key and not field.is_relation:
            if value is not None:
                out[field.name] = lookup(graph.root_label(model), value)
        elif field.is_relation and value is not None:
            out[field.name] = lookup(graph.root_label(field.related_model), value)
        elif isinstance(field, RichTextField) and isinstance(value, str):
            out[field.name] = rich_text(value, lookup)
        elif isinstance(field, StreamField) and value is not None:
            out[field.name] = stream_field(field, value, lookup)
    if fix is not None:
        fix(model, out)
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if isinstance(out.get(name), list):
            out[name] = [
                serialized(relation.related_model, child, lookup) for child in out[name]
            ]
    for field in get_all_child_m2m_relations(model):
        if isinstance(out.get(field.name), list):
            target = graph.root_label(field.related_model)
            out[field.name] = [
                new
                for new in (lookup(target, old) for old in out[field.name])
                if new is not None
            ]
    return out
