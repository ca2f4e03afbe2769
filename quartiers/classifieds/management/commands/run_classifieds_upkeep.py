"""Expire old ads and send the week-before reminders (for cron, daily).

Example crontab line: ``17 6 * * * cd /srv/quartiers && .venv/bin/python manage.py run_classifieds_upkeep``
"""

from django.core.management.base import BaseCommand

from quartiers.classifieds import tasks


class Command(BaseCommand):
    help = (
        "Passe les annonces périmées en « expirée » et envoie les rappels d'expiration."
    )

    def handle(self, *args, **options) -> None:
        expired = tasks.expire_ads.call()
        reminded = tasks.remind_expiring_ads.call()
        self.stdout.write(
            f"{expired} annonce(s) expirée(s), {reminded} rappel(s) envoyé(s)."
        )
