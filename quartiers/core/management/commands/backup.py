"""``manage.py backup [--output FILE]``: see quartiers/core/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from quartiers.core.backup import create_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les médias dans une archive .tar.gz "
        "(avec un manifeste)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Fichier de l'archive (par défaut : sauvegarde-AAAAMMJJ-HHMMSS.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            output = timezone.now().strftime("sauvegarde-%Y%m%d-%H%M%S.tar.gz")
        path = Path(output).resolve()
        manifest = create_backup(path)
        size = path.stat().st_size
        self.stdout.write(
            f"Sauvegarde écrite : {path} ({size // 1024} Kio, base "
            f"{manifest['engine']}, {len(manifest['migrations'])} applications)."
        )
