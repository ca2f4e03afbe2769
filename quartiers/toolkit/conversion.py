"""Turn an article template into the start of a real article.

For an animator: the blocks of a Wagtail article, instructions kept as
bracketed paragraphs to replace. For a resident: plain text for the proposal
form, one paragraph per blank line, as that form expects.
"""

import html
import re

from django.utils.html import strip_tags

from .models import TemplatePage


def _rich_to_text(source: str) -> str:
    text = re.sub(r"</p>|</h[1-6]>|</ul>|</ol>", "\n\n", source)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = re.sub(r"</li>", "\n", text)
    text = html.unescape(strip_tags(text))
    paragraphs = [
        "\n".join(" ".join(line.split()) for line in part.split("\n") if line.strip())
        for part in text.split("\n\n")
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _bracketed(text: str) -> str:
    return f"[{text.strip()}]"


def article_body(template: TemplatePage) -> list[dict]:
    """Blocks for newsroom.ArticleBodyBlock (same block names, same values)."""
    blocks = []
    for block in template.body:
        if block.block_type == "heading":
            blocks.append({"type": "heading", "value": block.value})
        elif block.block_type == "paragraph":
            blocks.append({"type": "paragraph", "value": block.value.source})
        elif block.block_type == "instruction":
            text = html.escape(_bracketed(block.value))
            blocks.append({"type": "paragraph", "value": f"<p><i>{text}</i></p>"})
        elif block.block_type == "quote":
            blocks.append(
                {
                    "type": "quote",
                    "value": {
                        "text": block.value["text"],
                        "attribution": block.value["attribution"],
                    },
                }
            )
    return blocks


def plain_text(template: TemplatePage) -> str:
    """The template as the resident's form takes it: paragraphs and brackets."""
    parts = []
    for block in template.body:
        if block.block_type == "heading":
            parts.append(block.value.strip())
        elif block.block_type == "paragraph":
            parts.append(_rich_to_text(block.value.source))
        elif block.block_type == "instruction":
            parts.append(_bracketed(block.value))
        elif block.block_type == "quote":
            quote = f"« {block.value['text'].strip()} »"
            if block.value["attribution"]:
                quote += f" — {block.value['attribution'].strip()}"
            parts.append(quote)
    if template.article_chapo.strip():
        parts.insert(0, template.article_chapo.strip())
    return "\n\n".join(part for part in parts if part)
