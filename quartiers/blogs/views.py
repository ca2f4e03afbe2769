"""Residents' side of the blogs: open one's blog, write and edit posts.

Each view hangs under the portal's blogs section page (routes registered in
BlogsConfig.ready()) and receives that page first.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from quartiers.core import ratelimit
from quartiers.portals import access

from . import selectors, services
from .forms import BlogOpenForm, PostForm


def _render(page, request, template, context, status=200):
    # Not page.get_context(): the section's own listing is not needed here.
    context = {"page": page, "self": page, "section": page.section, **context}
    return TemplateResponse(request, template, context, status=status)


def _is_member(request) -> bool:
    return access.role_in(request.user, request.portal) is not None


def _join_first(page, request, template, context=None):
    return _render(
        page,
        request,
        template,
        {
            "not_member": True,
            "profile_url": reverse("accounts:profile"),
            **(context or {}),
        },
        status=403,
    )


def blog_open(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    portal = request.portal
    if selectors.blog_of(portal=portal, author=request.user) is not None:
        return redirect(page.section_url(request, "blogs_mine"))
    if not _is_member(request):
        return _join_first(page, request, "blogs/blog_open.html")
    status = 200
    if request.method == "POST":
        form = BlogOpenForm(request.POST)
        if wait := ratelimit.wait_for("blog_post", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            try:
                blog = services.blog_open(
                    portal=portal,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    presentation=form.cleaned_data["presentation"],
                )
            except PermissionDenied as error:
                form.add_error(
                    None, str(error) or _("Vous ne pouvez pas ouvrir de blog ici.")
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record("blog_post", request)
                if blog.live:
                    messages.success(
                        request,
                        _("Votre blog est ouvert ! Écrivez votre premier billet."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Votre blog est créé et en relecture par l'équipe "
                            "d'animation. Vous pouvez déjà écrire votre premier billet."
                        ),
                    )
                return redirect(page.section_url(request, "blogs_post_create"))
        status = 400
    else:
        form = BlogOpenForm()
    return _render(page, request, "blogs/blog_open.html", {"form": form}, status=status)


def my_blog(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    blog = selectors.blog_of(portal=request.portal, author=request.user)
    if blog is None:
        return redirect(page.section_url(request, "blogs_open"))
    posts = selectors.my_blog_posts(blog=blog)
    return _render(
        page,
        request,
        "blogs/my_blog.html",
        {
            "blog": blog,
            "posts": posts,
            "new_post_url": page.section_url(request, "blogs_post_create"),
            "edit_base": page.get_url(request) + "mon-blog/billets/",
        },
    )


def _post_form(page, request, post=None):
    portal = request.portal
    current = post.get_latest_revision_as_object() if post is not None else None
    current_photo = current.photo if current is not None and current.photo_id else None
    status = 200
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, current_photo=current_photo)
        if wait := ratelimit.wait_for("blog_post", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            data = form.cleaned_data
            photo = None
            if data.get("photo"):
                photo = services.Photo(data["photo"], data["photo_alt"], form.consent)
            try:
                saved, online = services.post_save(
                    portal=portal,
                    actor=request.user,
                    post_id=post.pk if post is not None else None,
                    title=data["title"],
                    text=data["text"],
                    photo=photo,
                    photo_alt=data.get("photo_alt"),
                    remove_photo=bool(data.get("remove_photo")),
                )
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("Vous ne pouvez pas écrire ici."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record("blog_post", request)
                if online:
                    messages.success(request, _("Votre billet est en ligne."))
                    return redirect(saved.get_url(request))
                messages.success(
                    request,
                    _(
                        "Merci ! Votre billet est en relecture : l'équipe d'animation "
                        "le lit avant de le mettre en ligne."
                    ),
                )
                return redirect(page.section_url(request, "blogs_mine"))
        status = 400
    else:
        initial = {}
        if current is not None:
            initial = {
                "title": current.title,
                "text": services.html_to_text(current.body),
                "photo_alt": current.photo_alt,
            }
        form = PostForm(initial=initial, current_photo=current_photo)
    return _render(
        page,
        request,
        "blogs/post_form.html",
        {
            "form": form,
            "post": post,
            "current_photo": current_photo,
            "mine_url": page.section_url(request, "blogs_mine"),
        },
        status=status,
    )


def post_create(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if selectors.blog_of(portal=request.portal, author=request.user) is None:
        if not _is_member(request):
            return _join_first(page, request, "blogs/blog_open.html")
        return redirect(page.section_url(request, "blogs_open"))
    return _post_form(page, request)


def post_edit(page, request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = selectors.post_of_author(
        portal=request.portal, author=request.user, post_id=post_id
    )
    return _post_form(page, request, post)
