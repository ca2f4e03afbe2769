"""What the letter app holds about one person, for export and erasure."""

from .models import Attendance, Subscriber


def export(user) -> dict:
    subscriber = Subscriber.objects.filter(user=user).first()
    data: dict = {"abonnements": [], "notifications": [], "participations": []}
    if subscriber is not None:
        data["frequence"] = subscriber.frequency
        data["abonnements"] = [
            {
                "quartier": f.portal.name,
                "suivi": f.label,
                "depuis": f.created_at.isoformat(),
            }
            for f in subscriber.follows.select_related("portal")
        ]
        data["notifications"] = [
            {"titre": n.title, "le": n.created_at.isoformat()}
            for n in subscriber.notifications.all()[:1000]
        ]
    data["participations"] = [
        {"evenement": a.event.title, "etat": a.status, "le": a.created_at.isoformat()}
        for a in Attendance.objects.filter(user=user).select_related("event")
    ]
    return data


def erase(user, keep_contributions: bool) -> None:
    # Follows and notifications go with the account (cascade); registrations
    # made with the account's address go too, places included.
    Attendance.objects.filter(user=user).delete()
    Subscriber.objects.filter(user=user).delete()
