"""``manage.py portal_moved --slug les-tilleuls --to https://tilleuls.example.org``:
the portal now lives on another install; its addresses here redirect there
(permanently, same path). ``--remove`` undoes it."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from quartiers.ops.middleware import CACHE_KEY
from quartiers.ops.models import MovedPortal


class Command(BaseCommand):
    help = "Redirige les adresses d'un portail parti vers sa nouvelle installation."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument(
            "--to", default="", help="adresse de la nouvelle installation"
        )
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, slug, to="", remove=False, **options):
        if remove:
            MovedPortal.objects.filter(slug=slug).delete()
            cache.delete(CACHE_KEY)
            self.stdout.write(f"Les adresses de « {slug} » ne sont plus redirigées.")
            return
        try:
            URLValidator(schemes=["https", "http"])(to)
        except ValidationError as exc:
            raise CommandError(
                "Donnez l'adresse de la nouvelle installation, par exemple "
                "https://tilleuls.example.org"
            ) from exc
        MovedPortal.objects.update_or_create(slug=slug, defaults={"new_base_url": to})
        cache.delete(CACHE_KEY)
        self.stdout.write(
            f"/{slug}/… redirige désormais vers {to.rstrip('/')}/{slug}/…"
        )
