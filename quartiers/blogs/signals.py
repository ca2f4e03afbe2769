"""Tell residents and animators where a blog post stands in its review.

Posts that wait for review go through the portal's Wagtail workflow; these
receivers turn its steps into the emails a person would expect.
"""

from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.signals import task_rejected, workflow_approved, workflow_submitted

from quartiers.core import notify
from quartiers.portals import access
from quartiers.portals import selectors as portal_selectors

from .models import BlogPage, BlogPostPage


def _blog_and_post(page):
    page = page.specific
    if isinstance(page, BlogPostPage):
        return page.get_parent().specific, page
    if isinstance(page, BlogPage):
        return page, None
    return None, None


def _workflow_page(instance):
    state = getattr(instance, "workflow_state", instance)
    content = getattr(state, "content_object", None)
    return content


def _email_author(blog, post, *, subject, template, message=""):
    author = getattr(blog, "author", None)
    if author is None:
        return
    notify.email_person(
        to=author.email,
        subject=subject,
        template=template,
        context={"blog": blog, "post": post, "person": author, "message": message},
    )


@receiver(workflow_submitted)
def post_submitted(sender, instance, user=None, **kwargs):
    page = _workflow_page(instance)
    if page is None:
        return
    blog, post = _blog_and_post(page)
    if blog is None:
        return
    portal = portal_selectors.portal_for_page(blog)
    if portal is None:
        return
    access.email_animators(
        portal,
        subject=_("Un billet de blog attend votre relecture : %(title)s")
        % {"title": page.title},
        template="blogs/emails/to_animator_submitted.txt",
        context={"blog": blog, "post": post, "page": page},
    )


@receiver(task_rejected)
def post_changes_requested(sender, instance, user=None, **kwargs):
    page = _workflow_page(instance)
    if page is None:
        return
    blog, post = _blog_and_post(page)
    if blog is None:
        return
    _email_author(
        blog,
        post,
        subject=_("« %(title)s » : l'équipe d'animation vous propose des changements")
        % {"title": page.title},
        template="blogs/emails/to_author_changes.txt",
        message=instance.comment or "",
    )


@receiver(workflow_approved)
def post_approved(sender, instance, user=None, **kwargs):
    # A post that went through review is published when its workflow is
    # approved; posts that went online at once need no email.
    page = _workflow_page(instance)
    if page is None:
        return
    blog, post = _blog_and_post(page)
    if post is None:
        return
    _email_author(
        blog,
        post,
        subject=_("Votre billet « %(title)s » est en ligne") % {"title": post.title},
        template="blogs/emails/to_author_published.txt",
    )
