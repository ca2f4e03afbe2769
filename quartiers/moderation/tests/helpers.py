from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from quartiers.moderation import selectors, services


def report(target_kind, obj, email, reason="haine"):
    """Report an item as a visitor with this address, through the service."""
    target = selectors.reportable_target(target_kind, obj.pk)
    return services.report_create(
        portal=target.portal,
        actor=AnonymousUser(),
        target=target,
        reason=reason,
        email=email,
    )[0]


def account(email, *, verified=True):
    """A resident's account; its address verified unless told otherwise."""
    user = get_user_model().objects.create_user(email, "un-mot-de-passe-solide-42")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def report_as(user, target_kind, obj, reason="haine"):
    """Report an item as this logged-in person, through the service."""
    target = selectors.reportable_target(target_kind, obj.pk)
    return services.report_create(
        portal=target.portal, actor=user, target=target, reason=reason
    )[0]


def hide(target_kind, obj):
    """Three verified accounts report the item: it goes offline."""
    for n in range(3):
        last = report_as(account(f"lecteur{n}@example.org"), target_kind, obj)
    return last
