"""``manage.py restore FILE [--yes]``: see quartiers/core/backup.py."""

from django.core.management.base import BaseCommand

from quartiers.core.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par « backup » : la base de données et "
        "les médias. Remplace les données présentes (--yes pour confirmer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="L'archive .tar.gz à restaurer.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Remplacer sans demander les données déjà présentes.",
        )

    def handle(self, *args, archive, yes=False, **options):
        result = restore_backup(archive, overwrite=yes)
        manifest = result["manifest"]
        self.stdout.write(
            f"Restauré : la base {manifest['engine']} sauvegardée le "
            f"{manifest['created_at']} et {result['media_files']} fichier(s) de "
            "médias. Lancez « manage.py migrate » si le code est plus récent "
            "que la sauvegarde."
        )
