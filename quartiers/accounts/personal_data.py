"""What the accounts app holds about a person, for export and erasure."""

from .models import Membership


def export_account(user) -> dict:
    return {
        "email": user.email,
        "nom_affiche": user.display_name,
        "prenom": user.first_name,
        "nom": user.last_name,
        "bio": user.bio,
        "inscrit_le": user.date_joined.isoformat(),
        "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
        "photo": "fichiers/" + user.avatar.name.rsplit("/", 1)[-1]
        if user.avatar
        else None,
        "adhesions": [
            {
                "portail": m.portal.name,
                "adresse": m.portal.get_absolute_url(),
                "role": m.get_role_display(),
                "depuis": m.joined_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("portal")
        ],
        "adresses_email": list(
            user.emailaddress_set.values("email", "verified", "primary")
        ),
    }


def account_files(user) -> list:
    return [user.avatar] if user.avatar else []


def erase_account(user, keep_contributions: bool) -> None:
    # The account row itself is deleted by the service; the photo file goes too.
    if user.avatar:
        user.avatar.delete(save=False)
