"""``manage.py backup [--output FILE]``: the database and every file in one
archive (quartiers/ops/backup.py). Safe while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quartiers.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sauvegarde la base et les fichiers dans une seule archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="", help="fichier .tar.gz à écrire")

    def handle(self, *args, output="", **options):
        from django.conf import settings

        if not output:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = str(Path(settings.VAR_DIR) / "sauvegardes" / f"{stamp}.tar.gz")
        try:
            manifest = backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sauvegarde écrite : {output} ({manifest['bytes'] // 1024} Ko, "
            f"{manifest['media_files']} fichier(s), {manifest['seconds']} s)."
        )
