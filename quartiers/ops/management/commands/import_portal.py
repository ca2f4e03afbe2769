"""``manage.py import_portal tilleuls.tar.gz [--slug autre-identifiant]``:
the portal exported by ``export_portal`` becomes a portal of this install.
All or nothing: on any error nothing is written."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartiers.ops.portability import PortabilityError, import_portal


class Command(BaseCommand):
    help = "Importe l'archive d'un portail exportée d'une autre installation."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="fichier écrit par export_portal")
        parser.add_argument(
            "--slug",
            default="",
            help="un autre identifiant, si celui du portail est pris ici",
        )

    def handle(self, *args, archive, slug="", **options):
        try:
            result = import_portal(path=Path(archive), slug=slug or None)
        except PortabilityError as exc:
            raise CommandError(str(exc)) from None
        portal = result["portal"]
        rows = sum(result["counts"].values())
        self.stdout.write(
            f"Portail « {portal.name} » importé à l'adresse /{portal.slug}/ : "
            f"{rows} ligne(s), {result['files']} fichier(s), "
            f"{result['joined']} membre(s) rattaché(s) à un compte existant, "
            f"{result['seconds']} s."
        )
        left = sum(result["left_behind"].values())
        if left:
            self.stdout.write(
                f"{left} ligne(s) non reprises (déjà présentes ici ou liées à "
                "des données restées sur l'ancienne installation) : "
                + ", ".join(f"{k} {v}" for k, v in result["left_behind"].items())
            )
