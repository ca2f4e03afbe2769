from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quartiers.portals import services


class Command(BaseCommand):
    help = "Crée un portail de quartier en une étape (pages, rubriques, droits, relecture)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--slug", required=True, help="identifiant dans l'adresse, ex. les-tilleuls"
        )
        parser.add_argument("--name", required=True, help="nom du quartier")
        parser.add_argument("--town", required=True, help="commune")
        parser.add_argument(
            "--presentation", default="", help="quelques phrases de présentation"
        )
        parser.add_argument("--primary-color", default="#1d4ed8")
        parser.add_argument("--accent-color", default="#b91c1c")

    def handle(self, *args, **options):
        try:
            portal = services.portal_create(
                actor=None,
                slug=options["slug"],
                name=options["name"],
                town=options["town"],
                presentation=options["presentation"],
                theme=services.PortalTheme(
                    primary_color=options["primary_color"],
                    accent_color=options["accent_color"],
                ),
            )
        except ValidationError as error:
            lines = []
            for field, messages in (
                error.message_dict.items()
                if hasattr(error, "error_dict")
                else [("", error.messages)]
            ):
                for message in messages:
                    lines.append(
                        f"{field} : {message}"
                        if field and field != "__all__"
                        else message
                    )
            raise CommandError(
                "Le portail n'a pas été créé.\n" + "\n".join(lines)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Portail « {portal.name} » créé : /{portal.slug}/ (id {portal.pk})."
            )
        )
