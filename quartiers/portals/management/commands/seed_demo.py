import tempfile
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quartiers.portals import demo


@contextmanager
def _scratch_folder():
    """Every temporary file the demo makes (generated sounds and videos,
    media being processed) goes in one folder, removed at the end: nothing is
    left behind in the system's temporary folder."""
    previous = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="quartiers-demo-") as folder:
        tempfile.tempdir = folder
        try:
            yield folder
        finally:
            tempfile.tempdir = previous


class Command(BaseCommand):
    help = "Crée le réseau de démonstration (9 quartiers) s'il manque. Sans effet s'il existe."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins",
            action="store_true",
            help="ne pas afficher les identifiants",
        )

    def handle(self, *args, **options):
        if not settings.QUARTIERS_ALLOW_DEMO:
            raise CommandError(
                "Les données de démonstration sont interdites avec ces réglages (production)."
            )
        from quartiers.core import devmail

        with devmail.quiet(), _scratch_folder():
            logins = demo.seed_demo()
        if options["quiet_logins"]:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Comptes de démonstration (mot de passe : {demo.DEMO_PASSWORD})"
            )
        )
        for role, email in logins:
            self.stdout.write(f"  {email:45} {role}")
        self.stdout.write("")
