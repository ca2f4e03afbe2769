"""What residents type with line breaks opens in the animators' admin.

Plain text a resident typed on a phone becomes Wagtail rich text (an article
proposal, a blog post, a testimony's description) or stays plain text (an
event, a local actor). Either way the animator must be able to open it in
the editor and preview the draft: a line break once made both answer 500.
"""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from quartiers.agenda import services as agenda
from quartiers.blogs import services as blogs
from quartiers.core.sanitize import html_to_richtext, text_to_richtext
from quartiers.directory import services as directory
from quartiers.newsroom import services as newsroom
from quartiers.radio import services as radio
from quartiers.radio.tests.conftest import media_dir, tiny_mp3  # noqa: F401

TEXT = (
    "Première ligne\nDeuxième ligne\r\nTroisième ligne\n\n"
    "Un autre paragraphe\x0b avec un caractère de contrôle.\n\n\n"
    "<b>pas du HTML</b> & fin"
)


def _article(portal, resident, mp3):
    submission = newsroom.submission_save(
        portal=portal, actor=resident, title="Le marché", text=TEXT, submit=True
    )
    return submission.page


def _blog_post(portal, resident, mp3):
    blogs.blog_open(
        portal=portal, actor=resident, title="Mon blog", presentation="Moi.\nIci."
    )
    post, _online = blogs.post_save(
        portal=portal, actor=resident, title="Mon billet", text=TEXT
    )
    return post


def _testimony(portal, resident, mp3):
    return radio.testimony_submit(
        portal=portal,
        actor=resident,
        title="Mon témoignage",
        audio=SimpleUploadedFile("t.mp3", mp3, "audio/mpeg"),
        consent=True,
        description=TEXT,
    )


def _blog(portal, resident, mp3):
    return blogs.blog_open(
        portal=portal, actor=resident, title="Mon blog", presentation=TEXT
    )


PAGE_KINDS = {
    "article": _article,
    "blog": _blog,
    "blog post": _blog_post,
    "testimony": _testimony,
}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_animator_opens_and_previews_a_resident_page_with_line_breaks(
    kind,
    portal_a,
    resident_a,
    animator_a,
    staff_client,
    tiny_mp3,  # noqa: F811
):
    page = PAGE_KINDS[kind](portal_a, resident_a, tiny_mp3)
    client = staff_client(animator_a)

    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    html = preview.content.decode()
    # Line breaks and paragraphs survive; what was typed stays text.
    assert "Première ligne" in html and "Deuxième ligne" in html
    assert "&lt;b&gt;pas du HTML&lt;/b&gt;" in html
    if kind != "blog":  # rich text: line breaks kept, control characters out
        assert "Première ligne<br" in html
        assert "\x0b" not in html

    # Saving the draft again from the editor keeps it openable.
    latest = page.get_latest_revision_as_object()
    latest.save_revision(user=animator_a)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == 200


def test_animator_opens_resident_events_and_actors_with_line_breaks(
    portal_a, resident_a, animator_a, staff_client
):
    event = agenda.event_propose(
        portal=portal_a,
        actor=resident_a,
        fields=agenda.EventFields(
            title="Fête de quartier",
            start=timezone.now() + timedelta(days=3),
            description=TEXT,
            place_name="Square",
        ),
    )
    actor = directory.actor_suggest(
        portal=portal_a,
        actor=resident_a,
        fields={"name": "Les Voisins", "kind": "association", "description": TEXT},
    )
    client = staff_client(animator_a)
    for obj in (event, actor):
        url = reverse(
            f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit",
            args=[obj.pk],
        )
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Deuxième ligne" in response.content.decode()


def test_rich_text_from_plain_text_is_in_the_editor_storage_format():
    html = text_to_richtext("a\nb\n\nc\x01d")
    assert html == "<p>a<br/>b</p>\n\n<p>cd</p>"
    assert html_to_richtext("<p>x<br>y<hr>z<BR ></p>").count("/>") == 3


def test_pages_stored_before_the_fix_are_repaired(
    portal_a, resident_a, animator_a, staff_client
):
    """Rich text saved with the HTML ``<br>`` (before line breaks were written
    in the editor's format) opens again once the repair migration ran."""
    from importlib import import_module

    from django.apps import apps

    from quartiers.blogs.models import BlogPostPage

    repair = import_module("quartiers.core.migrations.0001_rich_text_line_breaks")
    post = _blog_post(portal_a, resident_a, None)
    article = _article(portal_a, resident_a, None)
    old = "<p>Première ligne<br>Deuxième ligne<BR >fin</p>"
    BlogPostPage.objects.filter(pk=post.pk).update(body=old)
    for page, field, value in (
        (post, "body", old),
        (article, "body", json.dumps([{"type": "paragraph", "value": old}])),
    ):
        revision = page.get_latest_revision()
        revision.content[field] = value
        revision.save(update_fields=["content"])

    client = staff_client(animator_a)
    client.raise_request_exception = False
    assert client.get(f"/admin/pages/{post.pk}/edit/").status_code == 500
    client.raise_request_exception = True

    repair.repair(apps, None)
    for page in (post, article):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == 200
    post.refresh_from_db()
    assert post.body == "<p>Première ligne<br/>Deuxième ligne<br/>fin</p>"
