"""``manage.py export_portal --slug les-tilleuls --output tilleuls.tar.gz
[--agreed emails.txt]``: one archive with everything the portal owns, for
``import_portal`` on another install of the same version."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartiers.ops.portability import PortabilityError, export_portal


def read_emails(path: str) -> set[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            f"Impossible de lire la liste des membres d'accord ({path}) : {exc}"
        ) from None
    return {
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }


class Command(BaseCommand):
    help = "Exporte un portail (pages, fichiers, membres d'accord…) dans une archive."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="identifiant du portail")
        parser.add_argument("--output", required=True, help="fichier .tar.gz à écrire")
        parser.add_argument(
            "--agreed",
            default="",
            help=(
                "fichier des adresses email des membres qui ont accepté de "
                "suivre le portail (une par ligne) ; les autres ne partent pas"
            ),
        )

    def handle(self, *args, slug, output, agreed="", **options):
        emails = read_emails(agreed) if agreed else set()
        try:
            manifest = export_portal(
                slug=slug, output=Path(output), agreed_emails=emails
            )
        except PortabilityError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Portail « {slug} » exporté : {output} ({manifest['bytes'] // 1024} Ko, "
            f"{rows} ligne(s), {manifest['files']} fichier(s), "
            f"{manifest['members_agreed']} membre(s) d'accord, "
            f"{manifest['seconds']} s)."
        )
        left = sum(manifest["left_behind"].values())
        if left:
            self.stdout.write(
                f"{left} ligne(s) restent ici (liées à des personnes qui ne "
                "partent pas, ou à d'autres portails) : "
                + ", ".join(f"{k} {v}" for k, v in manifest["left_behind"].items())
            )
