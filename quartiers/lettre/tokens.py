"""Signed links that act for one person without a login.

A token names one subscriber (and, for a confirmation, one follow) and is
signed with the site's secret: changing the number inside breaks the
signature, so nobody can act for someone else. Unsubscribing is idempotent:
a link used twice (or replayed by a mail scanner) changes nothing more.
"""

import hashlib

from django.core import signing

UNSUBSCRIBE = "lettre.unsubscribe"
PREFERENCES = "lettre.preferences"
CONFIRM = "lettre.confirm"
ATTENDANCE = "lettre.attendance"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _fingerprint(email: str) -> str:
    # Ties a token to the address too: a row given another address later
    # does not answer to the old address's links.
    return hashlib.sha256(email.lower().encode()).hexdigest()[:10]


def make(salt: str, subscriber_id: int, email: str, extra: int | None = None) -> str:
    payload: dict = {"s": subscriber_id, "e": _fingerprint(email)}
    if extra is not None:
        payload["x"] = extra
    return signing.dumps(payload, salt=salt, compress=True)


def read(salt: str, token: str, max_age: int | None = None) -> dict | None:
    """The payload of a valid token, or None (forged, truncated, expired)."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        return None
    return payload


def matches(payload: dict, email: str) -> bool:
    return payload.get("e") == _fingerprint(email)
