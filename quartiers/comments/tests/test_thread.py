"""{% comment_thread page %}: published comments and replies, in one query."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from quartiers.comments.models import Comment
from quartiers.core.tests.test_sanitize import PAYLOADS

from .factories import comment

pytestmark = pytest.mark.django_db

# Escaped text such as "&lt;a href=javascript:" is harmless; a real tag is not.
DANGER = re.compile(
    r"<\s*(script|iframe|svg|img|object|embed|meta|base|style|math)\b"
    r"|<[^>]*\son[a-z]+\s*="
    r"|<[^>]*(href|src|action|data)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.I,
)


def render(source, page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    return Template(source).render(
        Context({"page": page, "request": request, "user": user, "csrf_token": "x"})
    )


def render_tag(page, user):
    return render("{% load comments_tags %}{% comment_thread page %}", page, user)


def _bulk(page, portal, authors, count):
    Comment.objects.bulk_create(
        Comment(
            portal=portal,
            page=page,
            author=authors[i % len(authors)],
            author_name="x",
            body=f"Commentaire {i}",
            status=Comment.PUBLISHED,
        )
        for i in range(count)
    )
    tops = list(Comment.objects.filter(page=page)[: count // 3])
    Comment.objects.bulk_create(
        Comment(
            portal=portal,
            page=page,
            parent=top,
            author=authors[0],
            author_name="x",
            body="Réponse",
            status=Comment.PUBLISHED,
        )
        for top in tops
    )


def test_shows_published_comments_and_replies_only(
    journal_a, portal_a, resident_a, animator_a
):
    top = comment(journal_a, portal_a, animator_a, "Premier !")
    comment(journal_a, portal_a, resident_a, "Une réponse", parent=top)
    comment(journal_a, portal_a, resident_a, "Pas encore relu", status="pending")
    comment(journal_a, portal_a, resident_a, "Masqué", status="hidden")
    comment(journal_a, portal_a, resident_a, "Retiré", status="removed")
    html = render_tag(journal_a, AnonymousUser())
    assert "Premier !" in html
    assert "Une réponse" in html
    assert "Pas encore relu" not in html
    assert "Masqué" not in html
    assert "Retiré" not in html
    assert "2 commentaires" in html
    assert f'id="commentaire-{top.pk}"' in html


def test_author_sees_their_own_comment_waiting_for_review(
    journal_a, portal_a, resident_a, resident_b
):
    comment(journal_a, portal_a, resident_a, "Mon avis", status="pending")
    assert "En attente de relecture" in render_tag(journal_a, resident_a)
    assert "Mon avis" not in render_tag(journal_a, resident_b)


def test_visitor_gets_a_login_link_and_members_a_form(journal_a, resident_a):
    anonymous = render_tag(journal_a, AnonymousUser())
    assert "Connectez-vous pour commenter" in anonymous
    assert "<textarea" not in anonymous
    member = render_tag(journal_a, resident_a)
    assert f'action="/reactions/pages/{journal_a.pk}/commenter/"' in member
    assert "<textarea" in member
    assert "Connectez-vous pour commenter" not in member


def test_each_comment_has_a_report_link(journal_a, portal_a, animator_a):
    shown = comment(journal_a, portal_a, animator_a, "À signaler ?")
    html = render_tag(journal_a, AnonymousUser())
    assert f'href="/reactions/signaler/commentaire/{shown.pk}/"' in html
    assert "Signaler" in html


def test_include_partial_renders_the_same_thread(journal_a, portal_a, animator_a):
    comment(journal_a, portal_a, animator_a, "Par l'include")
    html = render(
        '{% include "comments/includes/thread.html" with page=page request=request user=user %}',
        journal_a,
        AnonymousUser(),
    )
    assert "Par l'include" in html


def test_page_without_comments_renders_nothing(portal_a):
    assert render_tag(portal_a.home_page, AnonymousUser()).strip() == ""


@pytest.mark.parametrize("count", [3, 300])
def test_query_count_is_constant(
    journal_a, portal_a, resident_a, animator_a, count, django_assert_num_queries
):
    _bulk(journal_a, portal_a, [resident_a, animator_a], count)
    journal_a.url  # the site's root paths, cached for the whole site
    with django_assert_num_queries(1):
        html = render_tag(journal_a, resident_a)
    assert html.count('<li class="comment') == count + count // 3


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_xss_payload_reaches_the_page(
    client, journal_a, portal_a, resident_a, payload
):
    portal_a.moderation_mode = "after"
    portal_a.save()
    client.force_login(resident_a)
    client.post(f"/reactions/pages/{journal_a.pk}/commenter/", {"body": payload})
    assert Comment.objects.get().body == payload.strip()
    html = render_tag(journal_a, resident_a)
    assert not DANGER.search(html), html
    texts = re.findall(r'<div class="comment__text">(.*?)</div>', html, re.S)
    assert len(texts) == 1
    assert "<" not in re.sub(r"</?p>|<br>", "", texts[0]), texts[0]
