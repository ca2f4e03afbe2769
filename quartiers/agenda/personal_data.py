"""What the agenda holds about a person: the events they created."""

from .models import Event


def export_events(user) -> dict:
    return {
        "evenements": [
            {
                "titre": event.title,
                "description": event.description,
                "debut": event.start.isoformat(),
                "fin": event.end.isoformat() if event.end else None,
                "lieu": event.place_name,
                "adresse": event.place_address,
                "etat": event.get_status_display(),
                "quartier": event.portal.name,
                "cree_le": event.created_at.isoformat(),
            }
            for event in Event.objects.filter(created_by=user).select_related("portal")
        ]
    }


def erase_events(user, keep_contributions: bool) -> None:
    # Proposals never published go with the account; published events stay
    # for the neighbourhood (unsigned) unless the person asks to remove them.
    created = Event.objects.filter(created_by=user)
    created.exclude(status=Event.PUBLISHED).delete()
    if keep_contributions:
        created.update(created_by=None)
        Event.objects.filter(organiser_user=user).update(organiser_user=None)
    else:
        created.delete()
        Event.objects.filter(organiser_user=user).update(organiser_user=None)
