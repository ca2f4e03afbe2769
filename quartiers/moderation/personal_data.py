"""What moderation holds about a person: the reports they made."""

from django.db.models import Q

from .models import Report


def _reports_of(user):
    return Report.objects.filter(
        Q(reporter=user) | Q(reporter_email__iexact=user.email)
    ).select_related("portal")


def export_reports(user) -> dict:
    return {
        "signalements": [
            {
                "motif": str(report.get_reason_display()),
                "precisions": report.details,
                "quartier": report.portal.name,
                "etat": str(report.get_status_display()),
                "fait_le": report.created_at.isoformat(),
            }
            for report in _reports_of(user)
        ]
    }


def erase_reports(user, keep_contributions: bool) -> None:
    # A report is not a public contribution: it goes with the account. The
    # decisions it led to stay in the audit trail (ModerationAction).
    _reports_of(user).delete()
