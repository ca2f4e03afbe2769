"""Shared fixtures: every test runs in a network of two portals, A and B,
so that any leak from one portal to the other shows up."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "un-mot-de-passe-solide-42"


def make_user(email: str, *, superuser: bool = False, display_name: str = ""):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(email, PASSWORD, display_name=display_name)
    else:
        user = User.objects.create_user(email, PASSWORD, display_name=display_name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from quartiers.accounts import services as account_services
    from quartiers.accounts.models import Membership
    from quartiers.portals import services

    with django_db_blocker.unblock():
        alpha = services.portal_create(
            actor=None,
            slug="alpha",
            name="Quartier Alpha",
            town="Bobigny",
            presentation="Le quartier Alpha.",
        )
        beta = services.portal_create(
            actor=None,
            slug="beta",
            name="Quartier Bêta",
            town="Sarcelles",
            presentation="Le quartier Bêta.",
        )
        # Both have an animator below: open them to residents.
        alpha.is_open = beta.is_open = True
        alpha.save(update_fields=["is_open"])
        beta.save(update_fields=["is_open"])
        make_user(
            "coordination@example.org", superuser=True, display_name="Coordination"
        )
        for portal in (alpha, beta):
            for role, prefix in (
                (Membership.ANIMATOR, "animation"),
                (Membership.RESIDENT, "habitant"),
                (Membership.PARTNER, "partenaire"),
            ):
                user = make_user(
                    f"{prefix}.{portal.slug}@example.org",
                    display_name=f"{prefix} {portal.slug}",
                )
                membership = account_services.membership_join(portal=portal, actor=user)
                if role != Membership.RESIDENT:
                    account_services.membership_set_role(
                        portal=portal,
                        actor=get_user_model().objects.get(
                            email="coordination@example.org"
                        ),
                        membership_id=membership.pk,
                        role=role,
                    )


@pytest.fixture
def portal_a(db):
    from quartiers.portals.models import Portal

    return Portal.objects.get(slug="alpha")


@pytest.fixture
def portal_b(db):
    from quartiers.portals.models import Portal

    return Portal.objects.get(slug="beta")


def _user(email):
    return get_user_model().objects.get(email=email)


@pytest.fixture
def coordinator(db):
    return _user("coordination@example.org")


@pytest.fixture
def animator_a(db):
    return _user("animation.alpha@example.org")


@pytest.fixture
def animator_b(db):
    return _user("animation.beta@example.org")


@pytest.fixture
def resident_a(db):
    return _user("habitant.alpha@example.org")


@pytest.fixture
def resident_b(db):
    return _user("habitant.beta@example.org")


@pytest.fixture
def staff_client(client):
    """Log a staff member in with TOTP already set up (production rule)."""

    def login(user):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
        )
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits, cached reads and cached pages never leak from one test
    to the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """pytest-django runs the tests without a database last, after the
    transactional ones, which empty it (the session's portals included).
    A test marked ``before_transactional`` commits its own data next to the
    session's: it runs just before the first transactional test instead."""
    marked = [item for item in items if item.get_closest_marker("before_transactional")]
    if not marked:
        return
    rest = [item for item in items if item not in marked]

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", [])
        return bool(
            (
                marker
                and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
            )
            or "transactional_db" in fixtures
            or "live_server" in fixtures
        )

    index = next((i for i, item in enumerate(rest) if transactional(item)), len(rest))
    items[:] = rest[:index] + marked + rest[index:]
