"""Writes of the blogs: residents open a blog and write posts, without the admin.

Pages change through Wagtail's own actions (revisions, publishing,
workflows), so what a resident does here is what an editor would do in the
admin, and animators review it in the admin as usual.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from quartiers.core import notify
from quartiers.core.sanitize import text_to_richtext
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.uploads.models import PortalImage

from . import selectors
from .models import (
    RESERVED_BLOG_SLUGS,
    BlogIndexPage,
    BlogPage,
    BlogPostPage,
    Refusal,
)


@dataclass
class Photo:
    file: object
    alt: str
    consent: str = PortalImage.CONSENT_NOT_NEEDED


def _index(portal: Portal) -> BlogIndexPage:
    index = selectors.blog_index_of(portal)
    if index is None:
        raise PermissionDenied(_("Les blogs ne sont pas ouverts dans ce quartier."))
    return index


def unique_slug(parent: Page, title: str, *, fallback: str) -> str:
    base = slugify(title)[:70].strip("-") or fallback
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    ) | (RESERVED_BLOG_SLUGS if isinstance(parent, BlogIndexPage) else set())
    slug = base
    number = 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _open_states(page: Page):
    return WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status__in=[
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ],
    )


def _publish_or_submit(page: Page, *, portal: Portal, actor) -> bool:
    """Save the page's new content as a revision, then publish it or send it
    for review according to the portal's rule. True when it went online."""
    if access.publishes_without_review(actor, portal):
        for state in _open_states(page):
            state.cancel(user=actor)
        revision = page.save_revision(user=actor, log_action=True)
        # Residents hold no Wagtail page permission: the portal's rule,
        # checked just above, is what allows them to publish.
        revision.publish(user=actor, skip_permission_checks=True)
        page.refresh_from_db()
        return True
    page.save_revision(user=actor, log_action=True)
    # A review already under way would approve an older text: start afresh
    # so the animator reads what the resident last wrote.
    for state in _open_states(page):
        state.cancel(user=actor)
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(
            _(
                "Ce quartier n'a pas de circuit de relecture : prévenez l'équipe "
                "d'animation."
            )
        )
    workflow.start(page, actor)
    return False


@transaction.atomic
def blog_open(*, portal: Portal, actor, title: str, presentation: str) -> BlogPage:
    """Open this person's blog on this portal (one per person per portal)."""
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y tenir un blog.")
    )
    index = _index(portal)
    if selectors.blog_of(portal=portal, author=actor) is not None:
        raise ValidationError(_("Vous avez déjà un blog dans ce quartier."))
    title = title.strip()
    blog = BlogPage(
        title=title,
        slug=unique_slug(index, title, fallback="blog"),
        presentation=presentation.strip(),
        portal=portal,
        author=actor,
        owner=actor,
        live=False,
    )
    try:
        with transaction.atomic():
            index.add_child(instance=blog)
    except IntegrityError:
        # Two clicks at once: the database keeps one blog per person.
        raise ValidationError(_("Vous avez déjà un blog dans ce quartier.")) from None
    _publish_or_submit(blog, portal=portal, actor=actor)
    return blog


def html_to_text(html: str) -> str:
    """The plain text a resident can edit again, from a post's HTML."""
    text = re.sub(r"<br\s*/?>", "\n", html or "")
    text = re.sub(r"</(p|li|h[2-4]|blockquote)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _new_photo(*, portal: Portal, actor, title: str, photo: Photo) -> PortalImage:
    # PortalImage strips EXIF/GPS from the file before it is stored.
    image = PortalImage(
        title=f"{title[:80]} — photo",
        file=photo.file,
        collection=portal.collection,
        alt_text=photo.alt.strip(),
        consent=photo.consent,
        uploaded_by_user=actor,
    )
    image.save()
    return image


@transaction.atomic
def post_save(
    *,
    portal: Portal,
    actor,
    title: str,
    text: str,
    photo: Photo | None = None,
    photo_alt: str | None = None,
    remove_photo: bool = False,
    post_id: int | None = None,
) -> tuple[BlogPostPage, bool]:
    """Write a new post on one's blog, or change one of one's posts.

    Returns the post and whether it is online now (True) or waits for the
    animator's review (False). Someone else's post is a 404.
    """
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y tenir un blog.")
    )
    blog = selectors.blog_of(portal=portal, author=actor)
    if blog is None:
        raise PermissionDenied(_("Ouvrez d'abord votre blog."))
    title = title.strip()
    body = text_to_richtext(text)

    if post_id is None:
        post = BlogPostPage(
            title=title,
            slug=unique_slug(blog, title, fallback="billet"),
            date=timezone.localdate(),
            body=body,
            owner=actor,
            live=False,
        )
        if photo is not None:
            post.photo = _new_photo(
                portal=portal, actor=actor, title=title, photo=photo
            )
            post.photo_alt = photo.alt.strip()
        blog.add_child(instance=post)
    else:
        post = selectors.post_of_author(portal=portal, author=actor, post_id=post_id)
        post = post.get_latest_revision_as_object()
        post.title = title
        post.body = body
        if photo is not None:
            post.photo = _new_photo(
                portal=portal, actor=actor, title=title, photo=photo
            )
            post.photo_alt = photo.alt.strip()
        elif remove_photo:
            post.photo = None
            post.photo_alt = ""
        elif photo_alt is not None and post.photo_id:
            post.photo_alt = photo_alt.strip()
    online = _publish_or_submit(post, portal=portal, actor=actor)
    return post, online


# --- The animators' decision ------------------------------------------------

AUDIT_REFUSE = "quartiers.blogs.post_refuse"
REFUSAL_MAX_LENGTH = 2000


@transaction.atomic
def post_refuse(*, portal: Portal, actor, page_id: int, reason: str) -> Refusal:
    """The animator refuses a blog post (or a new blog) sent for review.

    The review stops, the page stays offline as its author's draft (or, for
    a post already online, its previous version stays), and the author reads
    the animator's word by email and in "Mes contributions". Writing the
    post again sends it back to review.
    """
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Expliquez à l'auteur ou l'autrice pourquoi le billet est refusé.")
        )
    if len(reason) > REFUSAL_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": REFUSAL_MAX_LENGTH}
        )
    page = selectors.page_in_review(portal=portal, page_id=page_id)
    if page is None:
        raise Http404
    states = list(_open_states(page).select_for_update())
    if not any(s.status == WorkflowState.STATUS_IN_PROGRESS for s in states):
        raise ValidationError(_("Ce billet n'attend plus de relecture."))
    for state in states:
        state.cancel(user=actor)
    refusal = Refusal.objects.create(
        portal=portal, page=page, message=reason, refused_by=actor
    )
    audit.record(
        portal=portal,
        actor=actor,
        instance=page,
        action=AUDIT_REFUSE,
        reason=reason,
        title=page.title,
    )
    blog = page if isinstance(page, BlogPage) else page.get_parent().specific
    author = getattr(blog, "author", None)
    if author is not None:
        notify.email_person(
            to=author.email,
            subject=_("« %(title)s » n'est pas publié") % {"title": page.title},
            template="blogs/emails/to_author_refused.txt",
            context={
                "blog": blog,
                "post": page if isinstance(page, BlogPostPage) else None,
                "page": page,
                "person": author,
                "portal": portal,
                "message": reason,
            },
        )
    return refusal
