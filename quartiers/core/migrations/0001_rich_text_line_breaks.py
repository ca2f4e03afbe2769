"""Repair the rich text made from residents' plain text before line breaks
were written in Wagtail's storage format.

Blog posts, article proposals and testimony descriptions were stored with
the HTML ``<br>`` (and ``<hr>``), which Wagtail's editor cannot read: the
page's edit view and its draft preview answered 500. This rewrites them as
``<br/>`` in the pages and in their revisions (the editor opens the latest
revision). Nothing else changes; running it twice changes nothing more.
"""

import json
import re

from django.db import migrations

VOID = re.compile(r"<(br|hr)(\s[^<>]*?)?\s*/?>", re.IGNORECASE)
PAGES = (
    ("blogs", "blogpostpage", "body"),
    ("newsroom", "articlepage", "body"),
    ("radio", "episodepage", "description"),
)


def _fix_text(text: str) -> str:
    if "<br" not in text.lower() and "<hr" not in text.lower():
        return text
    return VOID.sub(
        lambda m: f"<{m.group(1).lower()}{(m.group(2) or '').rstrip()}/>", text
    )


def _fix(value):
    if isinstance(value, str):
        return _fix_text(value)
    if isinstance(value, list):
        return [_fix(item) for item in value]
    if isinstance(value, dict):
        return {key: _fix(item) for key, item in value.items()}
    return value


def _fixed_field(value):
    """The field's value fixed, or None when nothing changes. A StreamField
    gives its raw blocks; its JSON text is written back."""
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        raw = [dict(block) for block in raw]
        fixed = _fix(raw)
        return json.dumps(fixed) if fixed != raw else None
    if isinstance(value, str):
        fixed = _fix_text(value)
        return fixed if fixed != value else None
    return None


def repair(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for app_label, model_name, field in PAGES:
        model = apps.get_model(app_label, model_name)
        for page in model.objects.only("pk", field).iterator():
            fixed = _fixed_field(getattr(page, field))
            if fixed is not None:
                setattr(page, field, fixed)
                page.save(update_fields=[field])
        content_type = ContentType.objects.filter(
            app_label=app_label, model=model_name
        ).first()
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            content = revision.content
            if isinstance(content, dict) and isinstance(content.get(field), str):
                fixed = _fix_text(content[field])
                if fixed != content[field]:
                    content[field] = fixed
                    revision.content = content
                    revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("blogs", "0002_blog_and_posts"),
        ("newsroom", "0003_article_body_sound_and_video"),
        ("radio", "0002_shows_episodes_schedule"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
