"""The demo network: 9 fictional neighbourhoods of Île-de-France.

Only for dev and test settings (QUARTIERS_ALLOW_DEMO); seeding is idempotent.
"""

from io import BytesIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from quartiers.accounts import services as account_services
from quartiers.accounts.models import Membership

from . import services
from .features import registry
from .models import Portal

DEMO_PASSWORD = "demo-quartiers"
COORDINATOR_EMAIL = "coordination@example.org"

DEMO_PORTALS = [
    {
        "slug": "hauts-pres",
        "name": "Les Hauts-Prés",
        "town": "Sarcelles",
        "presentation": "Entre le marché du dimanche et le parc des Prés, un quartier où l'on se dit bonjour. Ici, ce sont les habitants qui racontent leur quartier.",
        "colors": ("#1d4ed8", "#b91c1c"),
        "coords": (48.9956, 2.3808),
    },
    {
        "slug": "peupliers",
        "name": "Cité des Peupliers",
        "town": "Bobigny",
        "presentation": "Trois tours, une grande pelouse et beaucoup d'énergie : l'actualité de la Cité des Peupliers, par et pour ses habitants.",
        "colors": ("#047857", "#9d174d"),
        "coords": (48.9077, 2.4397),
    },
    {
        "slug": "val-fleuri",
        "name": "Le Val Fleuri",
        "town": "Évry-Courcouronnes",
        "presentation": "Le Val Fleuri, ses jardins partagés et sa maison de quartier. Des nouvelles, des annonces entre voisins et la radio des jeunes.",
        "colors": ("#6d28d9", "#b45309"),
        "coords": (48.6294, 2.4407),
    },
    {
        "slug": "grands-chenes",
        "name": "Les Grands Chênes",
        "town": "Argenteuil",
        "presentation": "Au pied des coteaux, les Grands Chênes vivent au rythme de leurs associations. Tout ce qui se passe dans le quartier est ici.",
        "colors": ("#9a3412", "#1e40af"),
        "coords": (48.9472, 2.2467),
    },
    {
        "slug": "la-source",
        "name": "La Source",
        "town": "Mantes-la-Jolie",
        "presentation": "Au bord de la Seine, La Source a son journal, ses émissions et son agenda. Venez lire, écouter, et participer.",
        "colors": ("#0e7490", "#be123c"),
        "coords": (48.9907, 1.7175),
    },
    {
        "slug": "jardins-du-canal",
        "name": "Les Jardins du Canal",
        "town": "Aubervilliers",
        "presentation": "Le long du canal Saint-Denis, un quartier jeune et créatif. Portraits, bons plans et entraide entre voisins.",
        "colors": ("#be123c", "#1d4ed8"),
        "coords": (48.9146, 2.3821),
    },
    {
        "slug": "plateau-des-lilas",
        "name": "Le Plateau des Lilas",
        "town": "Clichy-sous-Bois",
        "presentation": "Sur le plateau, la vie de quartier ne manque pas : fêtes, permanences, ateliers. Le portail de tous ceux qui y vivent.",
        "colors": ("#a21caf", "#047857"),
        "coords": (48.9100, 2.5460),
    },
    {
        "slug": "sablons-verts",
        "name": "Les Sablons Verts",
        "town": "Trappes",
        "presentation": "Les Sablons Verts, entre la gare et la base de loisirs. Le média citoyen du quartier, ouvert à toutes et à tous.",
        "colors": ("#4338ca", "#b45309"),
        "coords": (48.7775, 2.0025),
    },
    {
        "slug": "bois-joli",
        "name": "Bois-Joli",
        "town": "Grigny",
        "presentation": "Bois-Joli, son lac, ses écoles et ses mille talents. Ici, la parole est aux habitants.",
        "colors": ("#15803d", "#7c2d12"),
        "coords": (48.6540, 2.3930),
    },
]


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[0].isupper()]
    return "".join(w[0] for w in words[:2]) or name[:2].upper()


def _logo_file(name: str, color: str) -> ImageFile:
    size = 320
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=color)
    font = ImageFont.load_default(size=130)
    text = _initials(name)
    box = draw.textbbox((0, 0), text, font=font)
    x = (size - (box[2] - box[0])) / 2 - box[0]
    y = (size - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), text, fill="#ffffff", font=font)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ImageFile(
        BytesIO(buffer.getvalue()), name=f"logo-{_initials(name).lower()}.png"
    )


def _user(email: str, display_name: str, *, superuser: bool = False):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = User.objects.create_superuser(
                email, DEMO_PASSWORD, display_name=display_name
            )
        else:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, display_name=display_name
            )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _ensure_portal(spec: dict) -> tuple[Portal, bool]:
    portal = Portal.objects.filter(slug=spec["slug"]).first()
    if portal is not None:
        return portal, False
    portal = services.portal_create(
        actor=None,
        slug=spec["slug"],
        name=spec["name"],
        town=spec["town"],
        presentation=spec["presentation"],
        theme=services.PortalTheme(*spec["colors"]),
        contact_email=f"animation.{spec['slug']}@example.org",
        latitude=spec["coords"][0],
        longitude=spec["coords"][1],
    )
    logo = get_image_model()(
        title=f"Logo {spec['name']}",
        file=_logo_file(spec["name"], spec["colors"][0]),
        collection=portal.collection,
    )
    logo.save()
    portal.logo = logo
    portal.contact_phone = "01 23 45 67 89"
    # The demo's portals get their animator just below: open at once.
    portal.is_open = True
    portal.save(update_fields=["logo", "contact_phone", "is_open"])
    return portal, True


def _ensure_role(user, portal: Portal, role: str) -> None:
    membership = account_services.membership_join(portal=portal, actor=user)
    if membership.role != role:
        Membership.objects.filter(pk=membership.pk).update(role=role)
        account_services._sync_animator_group(user, portal)


@transaction.atomic
def seed_demo(portal_specs: list[dict] | None = None) -> list[tuple[str, str]]:
    """Create the demo network if missing; return (role, email) pairs for the logins."""
    logins = [("coordination du réseau", COORDINATOR_EMAIL)]
    _user(COORDINATOR_EMAIL, "Coordination du réseau", superuser=True)
    for spec in portal_specs or DEMO_PORTALS:
        portal, _created = _ensure_portal(spec)
        slug = spec["slug"]
        people = [
            (
                "animation",
                f"animation.{slug}@example.org",
                f"Animation {spec['name']}",
                Membership.ANIMATOR,
            ),
            (
                "partenaire",
                f"partenaire.{slug}@example.org",
                f"Maison de quartier ({spec['name']})",
                Membership.PARTNER,
            ),
            (
                "habitant·e",
                f"habitant.{slug}@example.org",
                "Samira" if len(slug) % 2 else "Karim",
                Membership.RESIDENT,
            ),
        ]
        for label, email, display_name, role in people:
            _ensure_role(_user(email, display_name), portal, role)
            logins.append((f"{label} — {spec['name']}", email))
        for seed_content in registry.demo_seeders():
            seed_content(portal)
    return logins
