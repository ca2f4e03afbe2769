from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quartiers.portals import services
from quartiers.portals.models import Portal


class Command(BaseCommand):
    help = "Fait répondre un portail sur son propre nom de domaine (vide : le retire)."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument(
            "--hostname",
            required=True,
            help='ex. journal-lespeupliers.fr ; "" pour retirer',
        )

    def handle(self, *args, **options):
        portal = Portal.objects.filter(slug=options["slug"]).first()
        if portal is None:
            raise CommandError(f"Aucun portail « {options['slug']} ».")
        coordinator = (
            get_user_model().objects.filter(is_superuser=True, is_active=True).first()
        )
        if coordinator is None:
            raise CommandError(
                "Créez d'abord un compte de coordination (createsuperuser)."
            )
        try:
            site = services.portal_set_domain(
                portal=portal, actor=coordinator, hostname=options["hostname"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if site is None:
            self.stdout.write(
                self.style.SUCCESS(f"{portal.name} n'a plus de domaine propre.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{portal.name} répond aussi sur http://{site.hostname}/ (ajoutez-le à ALLOWED_HOSTS)."
                )
            )
