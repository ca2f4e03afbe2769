"""Who reads what in the toolkit.

Guides and templates for animators are not secret, but they are written for
the people who run a portal: only animators and coordinators read them.
"""

from quartiers.accounts.models import Membership
from quartiers.portals import access


def reads_animator_pages(user) -> bool:
    """Animators of any portal and network coordinators."""
    if access.is_coordinator(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(user=user, role=Membership.ANIMATOR).exists()
