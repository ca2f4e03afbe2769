"""What the directory holds about one person: the actors they suggested."""

from .models import LocalActor


def export_suggestions(user) -> dict:
    return {
        "acteurs_suggeres": [
            {
                "nom": actor.name,
                "quartier": actor.portal.name,
                "etat": actor.get_status_display(),
                "suggere_le": actor.created_at.isoformat(),
            }
            for actor in LocalActor.objects.filter(suggested_by=user).select_related(
                "portal"
            )
        ],
        "fiches_gerees": [
            {"nom": actor.name, "quartier": actor.portal.name}
            for actor in user.managed_actors.select_related("portal")
        ],
    }


def erase_suggestions(user, keep_contributions: bool) -> None:
    # Pending and refused suggestions are the person's own words: they go.
    # Published actors belong to the neighbourhood: they stay, unsigned.
    LocalActor.objects.filter(suggested_by=user).exclude(
        status=LocalActor.PUBLISHED
    ).delete()
    LocalActor.objects.filter(suggested_by=user).update(suggested_by=None)
    user.managed_actors.clear()
