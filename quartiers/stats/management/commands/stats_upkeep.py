from django.core.management.base import BaseCommand

from quartiers.stats import tasks


class Command(BaseCommand):
    help = (
        "Efface les comptes de pages vues par adresse plus vieux que la durée "
        "annoncée sur les pages Vie privée. À lancer chaque jour (cron)."
    )

    def handle(self, *args, **options):
        deleted = tasks.purge_old_page_views.call()
        self.stdout.write(f"{deleted} ligne(s) effacée(s).")
