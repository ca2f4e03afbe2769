"""Demo: a sent letter on each demo portal, so the archive has one to show."""

from django.utils import timezone

from . import services
from .models import Letter


def seed_letter(portal) -> None:
    composed = services.letter_compose(
        portal=portal, week_start=services.week_of(timezone.localdate())
    )
    if composed is None:
        return
    letter = composed.letter
    letter.intro = (
        "Bonjour à toutes et à tous ! Voici ce qui s'est passé cette semaine "
        "et ce qui nous attend. Bonne lecture, et à bientôt dans le quartier."
    )
    letter.status = Letter.SENT
    letter.sent_at = timezone.now()
    letter.save()
