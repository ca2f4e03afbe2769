"""Invitations: an animator invites on their portal, the coordinator a new
portal's first animator; the link creates or joins the account, once."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import make_user
from quartiers.accounts.models import Invitation, Membership
from quartiers.portals import invitations, selectors
from quartiers.portals import services as portal_services

pytestmark = pytest.mark.django_db

ADMIN = "/admin/invitations/"


def _invite(client, portal, email, role=Membership.RESIDENT):
    return client.post(ADMIN, {"portal": portal.pk, "email": email, "role": role})


def _link(email):
    for message in reversed(mail.outbox):
        if email in message.to:
            return re.search(
                r"https?://[^/\s]+(/compte/invitation/[^\s]+/)", message.body
            )[1]
    raise AssertionError(f"no invitation sent to {email}")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the emails queued after commit, as the worker would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def test_an_animator_invites_on_their_portal_and_the_link_creates_the_account(
    staff_client, client, portal_a, animator_a, sent, settings
):
    response = sent(
        _invite, staff_client(animator_a), portal_a, "nadia@example.org", "trusted"
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["nadia@example.org"]
    assert "Quartier Alpha" in message.body
    assert settings.WAGTAILADMIN_BASE_URL in message.body
    path = _link("nadia@example.org")

    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Créer votre compte" in page.content.decode()
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()

    response = client.post(path, {"display_name": "Nadia", "password": ""})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nadia@example.org")
    assert user.display_name == "Nadia"
    assert Membership.objects.get(user=user, portal=portal_a).role == "trusted"
    assert user.emailaddress_set.get().verified
    # Logged in at once.
    assert client.get("/compte/profil/").status_code == 200


def test_a_link_works_once(client, portal_a, animator_a):
    _invitation, token = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="une@example.org", role="resident"
    )
    path = invitations.invitation_path(token)
    assert client.post(path, {"display_name": ""}).status_code == 302
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "déjà été acceptée" in again.content.decode()


def test_an_expired_or_cancelled_or_forged_link_says_why(client, portal_a, animator_a):
    invitation, token = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="deux@example.org", role="resident"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(invitations.invitation_path(token))
    assert response.status_code == 410
    assert "a expiré" in response.content.decode()
    assert client.post(invitations.invitation_path(token)).status_code == 410
    assert not get_user_model().objects.filter(email="deux@example.org").exists()

    invitation, token = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="trois@example.org", role="resident"
    )
    invitations.invitation_cancel(actor=animator_a, invitation_id=invitation.pk)
    assert "annulée" in client.get(invitations.invitation_path(token)).content.decode()

    for bad in ("abc", token[:-3] + "xyz", "x" * 400):
        response = client.get(f"/compte/invitation/{bad}/")
        assert response.status_code == 410
        assert "pas valide" in response.content.decode()


def test_a_new_invitation_replaces_the_previous_link(client, portal_a, animator_a):
    _first, old = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="quatre@example.org", role="resident"
    )
    _second, new = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="quatre@example.org", role="partner"
    )
    assert client.get(invitations.invitation_path(old)).status_code == 410
    assert client.get(invitations.invitation_path(new)).status_code == 200


def test_an_existing_account_joins_after_logging_in(
    client, portal_a, portal_b, animator_a, resident_b
):
    _invitation, token = invitations.invitation_create(
        portal=portal_a, actor=animator_a, email=resident_b.email, role="partner"
    )
    path = invitations.invitation_path(token)
    html = client.get(path).content.decode()
    assert "Me connecter pour accepter" in html
    assert client.post(path).status_code == 400  # no second account
    assert get_user_model().objects.filter(email=resident_b.email).count() == 1

    client.force_login(resident_b)
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=resident_b, portal=portal_a).role == "partner"
    # Their other portal is untouched.
    assert Membership.objects.get(user=resident_b, portal=portal_b).role == "resident"


def test_an_invitation_never_takes_a_role_away(client, portal_a, coordinator):
    person = make_user("deja.animation@example.org")
    Membership.objects.create(user=person, portal=portal_a, role=Membership.ANIMATOR)
    with pytest.raises(Exception, match="déjà ce rôle"):
        invitations.invitation_create(
            portal=portal_a, actor=coordinator, email=person.email, role="resident"
        )


def test_an_animator_cannot_invite_on_another_portal(
    staff_client, portal_a, portal_b, animator_a
):
    client = staff_client(animator_a)
    response = _invite(client, portal_b, "x@example.org", Membership.ANIMATOR)
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        invitations.invitation_create(
            portal=portal_b, actor=animator_a, email="x@example.org", role="resident"
        )


def test_the_admin_form_explains_bad_input(staff_client, portal_a, animator_a):
    client = staff_client(animator_a)
    response = client.post(ADMIN, {"portal": portal_a.pk, "email": "pas-un-email"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "adresse email n&#x27;est pas valide" in html or "pas valide" in html
    assert "Choisissez un rôle" in html
    response = client.post(ADMIN, {"portal": "abc", "email": "a@b.fr", "role": "x"})
    assert response.status_code == 400
    assert client.post(f"{ADMIN}abc/annuler/").status_code == 404


def test_residents_have_no_invitation_screen(client, resident_a):
    client.force_login(resident_a)
    assert client.get(ADMIN).status_code in (403, 404)


def test_a_new_portal_is_unlisted_until_it_has_an_animator_and_is_opened(
    staff_client, client, coordinator, sent
):
    portal = portal_services.portal_create(
        actor=coordinator, slug="gamma", name="Quartier Gamma", town="Stains"
    )
    assert not selectors.listed_portals().filter(pk=portal.pk).exists()
    signup = client.get("/compte/signup/").content.decode()
    assert "Quartier Gamma" not in signup
    assert "Quartier Alpha" in signup

    admin = staff_client(coordinator)
    # Opening without an animator is refused with the reason.
    response = admin.post(
        f"{ADMIN}quartier/{portal.pk}/ouverture/", {"open": "1"}, follow=True
    )
    assert "pas encore d&#x27;animateur" in response.content.decode() or (
        "pas encore d'animateur" in response.content.decode()
    )
    portal.refresh_from_db()
    assert not portal.is_open

    # The coordinator invites the first animator, who accepts.
    sent(_invite, admin, portal, "premiere.animation@example.org", Membership.ANIMATOR)
    path = _link("premiere.animation@example.org")
    visitor = Client()
    response = visitor.post(path, {"display_name": "Awa"})
    assert response.status_code == 302
    person = get_user_model().objects.get(email="premiere.animation@example.org")
    assert Membership.objects.get(user=person, portal=portal).role == "animator"
    assert person.is_staff
    assert not selectors.listed_portals().filter(pk=portal.pk).exists()

    # Now the animator (or the coordinator) opens it.
    admin.post(f"{ADMIN}quartier/{portal.pk}/ouverture/", {"open": "1"})
    portal.refresh_from_db()
    assert portal.is_open
    assert selectors.listed_portals().filter(pk=portal.pk).exists()
    assert "Quartier Gamma" in Client().get("/compte/signup/").content.decode()


def test_the_invitation_screen_lists_the_animators_portal_only(
    staff_client, portal_a, portal_b, animator_a, animator_b
):
    invitations.invitation_create(
        portal=portal_a, actor=animator_a, email="alpha@example.org", role="resident"
    )
    invitations.invitation_create(
        portal=portal_b, actor=animator_b, email="beta@example.org", role="resident"
    )
    html = staff_client(animator_a).get(ADMIN).content.decode()
    assert "alpha@example.org" in html
    assert "beta@example.org" not in html
    assert "Quartier Bêta" not in html
