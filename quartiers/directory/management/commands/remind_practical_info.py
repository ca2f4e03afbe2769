from django.core.management.base import BaseCommand
from django.db import transaction

from quartiers.directory.tasks import remind_stale


class Command(BaseCommand):
    help = (
        "Écrit aux équipes d'animation la liste des infos pratiques "
        "non vérifiées depuis six mois."
    )

    def handle(self, *args, **options):
        # Emails leave on commit: run inside one so they go out at the end.
        with transaction.atomic():
            sent = remind_stale()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
