"""``manage.py restore FILE``: put back the database and the files of an
archive made by ``backup``, on an install of the same version. It replaces
the current database: stop the site and the workers first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartiers.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restaure une sauvegarde (base et fichiers). Remplace la base actuelle."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="ne pas demander")

    def handle(self, *args, archive, yes=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {archive}")
        if not yes and options.get("interactive", True):
            answer = input("La base actuelle sera remplacée. Continuer ? [oui/non] ")
            if answer.strip().lower() not in {"oui", "o", "yes", "y"}:
                raise CommandError("Restauration annulée.")
        try:
            manifest = restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sauvegarde du {manifest['created_at']} restaurée : "
            f"{manifest['restored_files']} fichier(s), {manifest['seconds']} s."
        )
