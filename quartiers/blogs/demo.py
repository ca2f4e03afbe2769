"""Demo blogs: two residents per portal tell their neighbourhood life.

Only for dev and test (the seed command calls ``seed_blogs(portal)``); it is
idempotent and downloads nothing: the one photo is drawn with Pillow.
"""

from datetime import timedelta
from io import BytesIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from quartiers.accounts import services as account_services
from quartiers.accounts.models import Membership
from quartiers.core.sanitize import text_to_richtext
from quartiers.uploads.models import PortalImage

from . import selectors
from .models import BlogPage, BlogPostPage
from .services import unique_slug

BLOGS = [
    {
        "email": "samia.blog.{slug}@example.org",
        "display_name": "Samia",
        "title": "Les carnets de Samia",
        "presentation": (
            "Maman de trois enfants, bénévole à l'aide aux devoirs. J'écris sur ce "
            "qui se passe en bas de chez nous, le bon comme le moins bon."
        ),
        "posts": [
            (
                "Le jardin partagé a donné ses premières tomates",
                "Ce matin, avec les enfants de l'atelier, on a cueilli les premières "
                "tomates du jardin partagé. Il y en avait des rouges, des jaunes et "
                "même des noires, que Monsieur Diallo a rapportées de chez son frère.\n\n"
                "Les petits étaient fiers comme tout. Certains n'avaient jamais vu un "
                "pied de tomate de leur vie. On a fait une salade tous ensemble à la "
                "maison de quartier.\n\n"
                "Si vous voulez une parcelle l'an prochain, l'inscription se fait à "
                "l'accueil, avant la fin de l'hiver.",
                "Des tomates rouges et jaunes dans un panier en osier",
            ),
            (
                "Aide aux devoirs : on cherche des bénévoles pour les maths",
                "Depuis la rentrée, nous accueillons vingt-deux enfants le mardi et le "
                "jeudi après l'école. C'est beaucoup pour quatre bénévoles !\n\n"
                "Pas besoin d'être prof : si vous vous souvenez de vos tables de "
                "multiplication et que vous avez un peu de patience, vous êtes la "
                "bienvenue ou le bienvenu.\n\n"
                "Une heure par semaine, ça change déjà tout pour un enfant.",
                None,
            ),
            (
                "Merci aux gardiens de la tour B",
                "Pendant la panne d'ascenseur de la semaine dernière, les gardiens ont "
                "monté les courses des personnes âgées jusqu'au quatorzième étage, "
                "plusieurs fois par jour.\n\n"
                "On ne le dit pas assez : merci à Karim et à Josiane.",
                None,
            ),
        ],
    },
    {
        "email": "rene.blog.{slug}@example.org",
        "display_name": "René",
        "title": "René raconte le quartier",
        "presentation": (
            "Retraité, ancien conducteur de bus, dans le quartier depuis 1978. Je "
            "raconte comment c'était avant, et ce qui change."
        ),
        "posts": [
            (
                "Quand il y avait encore le cinéma de la place",
                "Les plus jeunes ne le savent pas, mais il y avait un cinéma sur la "
                "place du marché jusqu'en 1991. Le dimanche, on faisait la queue "
                "jusqu'à la boulangerie.\n\n"
                "J'y ai vu « La Grande Vadrouille » avec ma femme, en 1979. Le bâtiment "
                "est devenu la médiathèque, et je trouve que c'est une belle "
                "deuxième vie.\n\n"
                "Si vous avez des photos de cette époque, passez me voir au club des "
                "anciens, le jeudi après-midi.",
                None,
            ),
            (
                "La pétanque du jeudi accueille les débutants",
                "Nous sommes une douzaine à jouer le jeudi à 15 heures derrière le "
                "gymnase. Les boules sont prêtées, le café aussi.\n\n"
                "Les jeunes du quartier sont venus nous défier la semaine dernière. "
                "On a perdu, mais on prépare la revanche !",
                None,
            ),
        ],
    },
]


def _drawn_photo(seed: int) -> ImageFile:
    """A small, friendly drawing of a basket of tomatoes (no download)."""
    image = Image.new("RGB", (800, 500), "#fef3c7")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 800, 500), fill="#a3e635")
    draw.rounded_rectangle((220, 250, 580, 420), radius=40, fill="#b45309")
    for index in range(9):
        x = 250 + (index % 5) * 65 + (seed % 7)
        y = 200 + (index // 5) * 50
        color = ("#dc2626", "#facc15", "#ef4444")[index % 3]
        draw.ellipse((x, y, x + 70, y + 70), fill=color)
        draw.rectangle((x + 30, y - 8, x + 40, y + 6), fill="#15803d")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ImageFile(BytesIO(buffer.getvalue()), name=f"tomates-{seed}.jpg")


def _resident(portal, email: str, display_name: str):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        # Same demo password as every demo account, so the blogs can be tried.
        from quartiers.portals.demo import DEMO_PASSWORD

        user = User.objects.create_user(email, DEMO_PASSWORD, display_name=display_name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if not Membership.objects.filter(portal=portal, user=user).exists():
        account_services.membership_join(portal=portal, actor=user)
    return user


@transaction.atomic
def seed_blogs(portal) -> None:
    """Give a portal two residents' blogs with a few posts (idempotent)."""
    index = selectors.blog_index_of(portal)
    if index is None:
        return
    animator = (
        Membership.objects.filter(portal=portal, role=Membership.ANIMATOR)
        .select_related("user")
        .first()
    )
    publisher = animator.user if animator else None
    today = timezone.localdate()
    for number, spec in enumerate(BLOGS):
        author = _resident(
            portal, spec["email"].format(slug=portal.slug), spec["display_name"]
        )
        if BlogPage.objects.filter(portal=portal, author=author).exists():
            continue
        blog = BlogPage(
            title=spec["title"],
            slug=unique_slug(index, spec["title"], fallback="blog"),
            presentation=spec["presentation"],
            portal=portal,
            author=author,
            owner=author,
        )
        index.add_child(instance=blog)
        blog.save_revision(user=publisher).publish(
            user=publisher, skip_permission_checks=True
        )
        for days_ago, (title, text, photo_alt) in enumerate(spec["posts"]):
            post = BlogPostPage(
                title=title,
                slug=unique_slug(blog, title, fallback="billet"),
                date=today - timedelta(days=4 * days_ago + 2 * number + 1),
                body=text_to_richtext(text),
                owner=author,
            )
            if photo_alt:
                photo = PortalImage(
                    title=title[:80],
                    file=_drawn_photo(portal.pk),
                    collection=portal.collection,
                    alt_text=photo_alt,
                    uploaded_by_user=author,
                )
                photo.save()
                post.photo = photo
                post.photo_alt = photo_alt
            blog.add_child(instance=post)
            post.save_revision(user=publisher).publish(
                user=publisher, skip_permission_checks=True
            )
