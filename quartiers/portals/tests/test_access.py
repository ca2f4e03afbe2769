"""One access module: who may act on a portal, the same 404 for missing and
"not yours", one list of a portal's animators (deactivated accounts left
out), and no copy of any of it elsewhere in the code."""

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404

from quartiers.accounts.models import Membership
from quartiers.portals import access

CODE = Path(access.__file__).resolve().parents[1]


def _membership(user, portal):
    return Membership.objects.get(user=user, portal=portal)


# -- access_<thing>(user, portal, id): one 404 -----------------------------


def test_a_membership_of_my_portal(animator_a, portal_a, resident_a):
    own = _membership(resident_a, portal_a)
    assert access.access_membership(animator_a, portal_a, own.pk) == own
    assert access.access_membership(animator_a, portal_a, str(own.pk)) == own


@pytest.mark.parametrize(
    "case",
    [
        "missing id",
        "other portal's id",
        "malformed id",
        "huge id",
        "wrong role",
        "other portal's animator",
        "deactivated animator",
        "visitor",
    ],
)
def test_every_refusal_is_the_same_404(
    case, animator_a, animator_b, resident_a, resident_b, portal_a, portal_b
):
    from django.contrib.auth.models import AnonymousUser

    own_id = _membership(resident_a, portal_a).pk
    user, portal, membership_id = {
        "missing id": (animator_a, portal_a, 999_999),
        "other portal's id": (
            animator_a,
            portal_a,
            _membership(resident_b, portal_b).pk,
        ),
        "malformed id": (animator_a, portal_a, "12abc"),
        "huge id": (animator_a, portal_a, "9" * 30),
        "wrong role": (resident_a, portal_a, own_id),
        "other portal's animator": (animator_b, portal_a, own_id),
        "deactivated animator": (animator_a, portal_a, own_id),
        "visitor": (AnonymousUser(), portal_a, own_id),
    }[case]
    if case == "deactivated animator":
        user.is_active = False
        user.save(update_fields=["is_active"])
    with pytest.raises(Http404):
        access.access_membership(user, portal, membership_id)


@pytest.mark.parametrize("portal_id", ["beta", "x", "9" * 30, None, -1])
def test_access_portal_answers_404_for_other_and_bad_ids(
    animator_a, portal_a, portal_b, portal_id
):
    assert access.access_portal(animator_a, portal_a.pk) == portal_a
    if portal_id == "beta":
        portal_id = portal_b.pk
    with pytest.raises(Http404):
        access.access_portal(animator_a, portal_id)


# -- role checks: (user, portal), each condition on its own ----------------


def test_roles_take_user_then_portal(
    coordinator, animator_a, resident_a, portal_a, portal_b
):
    assert access.is_animator(animator_a, portal_a)
    assert not access.is_animator(animator_a, portal_b)
    assert not access.is_animator(resident_a, portal_a)
    assert access.is_animator(coordinator, portal_b)
    assert access.is_member(resident_a, portal_a)
    assert not access.is_member(resident_a, portal_b)


def test_a_deactivated_account_has_no_role(animator_a, portal_a):
    animator_a.is_active = False
    assert not access.is_animator(animator_a, portal_a)
    assert not access.is_member(animator_a, portal_a)
    assert not access.animated_portals(animator_a).exists()
    with pytest.raises(PermissionDenied):
        access.require_animator(animator_a, portal_a)


def test_require_member_says_why(resident_a, resident_b, portal_a):
    access.require_member(resident_a, portal_a, "Rejoignez d'abord ce quartier.")
    with pytest.raises(PermissionDenied, match="Rejoignez d'abord"):
        access.require_member(resident_b, portal_a, "Rejoignez d'abord ce quartier.")


# -- the animators of a portal ---------------------------------------------


def test_email_every_animator_skips_deactivated_accounts(
    django_capture_on_commit_callbacks, animator_a, portal_a, settings
):
    from django.contrib.auth import get_user_model

    gone = get_user_model().objects.create_user("parti@example.org", "x")
    Membership.objects.create(user=gone, portal=portal_a, role=Membership.ANIMATOR)
    gone.is_active = False
    gone.save()

    assert list(access.portal_animators(portal_a)) == [animator_a]
    with django_capture_on_commit_callbacks(execute=True):
        sent = access.email_animators(
            portal_a,
            subject="Test",
            template="agenda/emails/to_animator_pending.txt",
            context={"event": None},
        )
    assert sent == 1
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == ["animation.alpha@example.org"]


def test_a_resident_proposal_reaches_active_animators_only(
    django_capture_on_commit_callbacks, animator_a, resident_a, portal_a
):
    """The same rule holds through a real service (classified ads)."""
    from django.contrib.auth import get_user_model

    from quartiers.classifieds import services as ad_services
    from quartiers.classifieds.models import Ad

    gone = get_user_model().objects.create_user("parti@example.org", "x")
    Membership.objects.create(user=gone, portal=portal_a, role=Membership.ANIMATOR)
    gone.is_active = False
    gone.save()
    with django_capture_on_commit_callbacks(execute=True):
        ad_services.ad_create(
            portal=portal_a,
            actor=resident_a,
            kind=Ad.OFFER,
            title="Vélo d'enfant",
            text="Un vélo pour un enfant de six ans, en bon état.",
        )
    recipients = {address for message in mail.outbox for address in message.to}
    assert "animation.alpha@example.org" in recipients
    assert "parti@example.org" not in recipients


# -- no copies --------------------------------------------------------------

COPY_NAMES = {
    "_check_member",
    "_check_animator",
    "_check_animates",
    "_check_can_animate",
    "_require_animator",
    "_require_member",
    "_tell_animators",
    "_animators",
    "_ad_for_animator",
}


def _code_files():
    for path in CODE.rglob("*.py"):
        parts = set(path.relative_to(CODE).parts)
        if "tests" in parts or "migrations" in parts:
            continue
        if path == Path(access.__file__).resolve():
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _mentions_animator_role(node) -> bool:
    return any(
        isinstance(sub, ast.Attribute)
        and sub.attr == "ANIMATOR"
        and isinstance(sub.value, ast.Name)
        and sub.value.id == "Membership"
        for sub in ast.walk(node)
    )


def _calls(node, name: str) -> bool:
    return any(
        isinstance(sub, ast.Call)
        and (
            (isinstance(sub.func, ast.Attribute) and sub.func.attr == name)
            or (isinstance(sub.func, ast.Name) and sub.func.id == name)
        )
        for sub in ast.walk(node)
    )


def test_no_copy_of_the_access_checks_remains():
    found = []
    for path, tree in _code_files():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = f"{path.relative_to(CODE)}:{node.lineno} {node.name}"
                if node.name in COPY_NAMES:
                    found.append(f"{where}: use quartiers.portals.access")
                # Emailing people picked by the animator role is
                # access.email_animators' job.
                if _calls(node, "email_person") and _mentions_animator_role(node):
                    found.append(f"{where}: use access.email_animators")
            # "Is this person a member?" asked by hand (demo seeding aside).
            if (
                path.name != "demo.py"
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "filter"
                and "Membership.objects" in ast.unparse(node.func.value)
                and {k.arg for k in node.keywords} == {"portal", "user"}
            ):
                found.append(
                    f"{path.relative_to(CODE)}:{node.lineno}: use access.is_member"
                )
    assert not found, "\n".join(found)
