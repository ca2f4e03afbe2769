from django.core.management.base import BaseCommand

from quartiers.uploads import media_services


class Command(BaseCommand):
    help = (
        "Remet en file les sons et vidéos bloqués « en attente » ou « en cours » "
        "(processus de conversion arrêté). À lancer par cron, par exemple toutes "
        "les heures."
    )

    def handle(self, *args, **options):
        count = media_services.media_assets_requeue_stale()
        self.stdout.write(f"{count} fichier(s) remis en file.")
