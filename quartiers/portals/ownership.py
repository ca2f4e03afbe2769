"""Which portal owns a page: its place in the tree, and nothing else.

A page belongs to the portal whose home page it sits under. The ``portal``
keys some page models keep (for lists that must not walk the tree) and the
portal words in the search index are copies of that fact, written when the
page is saved or indexed. A move from one portal's subtree into another's
would leave every copy (and the shares, media files and cached feeds that
hang on the page) on the old portal, so such a move is refused, whoever asks
(animator or coordinator) and however (the admin's move, the bulk move, or
code): content changes portal by being copied, never by being moved.

Moves inside one portal, and reordering portals under the hub, stay free.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Portal
from .selectors import portal_for_page


class CrossPortalMove(PermissionDenied):
    """A page may not leave the portal that owns it."""


def _owner_id(page) -> int | None:
    portal = portal_for_page(page)
    return portal.pk if portal else None


def owner_after_move(page, destination) -> int | None:
    """The id of the portal that would own ``page`` under ``destination``."""
    own = Portal.objects.filter(home_page_id=page.pk).values_list("pk", flat=True)
    own = own.first()
    if own is not None:  # a portal's home page carries its portal along
        return own
    return _owner_id(destination)


def move_problem(page, destination) -> str:
    """Why ``page`` may not go under ``destination`` ("" when it may)."""
    if destination is None:
        return ""
    if _owner_id(page) == owner_after_move(page, destination):
        return ""
    return _(
        "« %(title)s » ne peut pas changer de quartier par un déplacement : "
        "ses abonnés, ses partages, ses fichiers et la recherche resteraient "
        "attachés à son quartier d'origine. Copiez la page dans l'autre "
        "quartier, puis retirez-la de celui-ci."
    ) % {"title": page.get_admin_display_title()}


def check_move(page, destination) -> None:
    problem = move_problem(page, destination)
    if problem:
        raise CrossPortalMove(problem)


def _back_to(page):
    parent = page.get_parent()
    if parent is None:
        return redirect("wagtailadmin_explore_root")
    return redirect("wagtailadmin_explore", parent.pk)


def refuse_cross_portal_move(request, page, destination):
    """``before_move_page`` hook: the admin's move of one page."""
    problem = move_problem(page, destination)
    if problem:
        messages.error(request, problem)
        return _back_to(page)
    return None


def refuse_cross_portal_bulk_move(request, action_type, objects, action):
    """``before_bulk_action`` hook: the admin's move of several pages."""
    if action_type != "move":
        return None
    form = getattr(action, "cleaned_form", None)
    destination = form.cleaned_data.get("chooser") if form is not None else None
    problems = [move_problem(page, destination) for page in objects]
    problems = [problem for problem in problems if problem]
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    next_url = getattr(action, "next_url", "") or ""
    if next_url:
        return redirect(next_url)
    return _back_to(objects[0])


def guard_page_move(sender, instance, parent_page_before, parent_page_after, **kw):
    """``pre_page_move`` signal: the last line, for every other caller."""
    check_move(instance, parent_page_after)
