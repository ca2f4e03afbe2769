"""Builders of public and private content on portals A and B."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import png_bytes


def soon(days: int, hour: int = 18):
    from quartiers.agenda import recurrence

    day = timezone.localdate() + timedelta(days=days)
    return recurrence.at_local_time(day, datetime(2000, 1, 1, hour, 0))


@dataclass
class Builders:
    counter: int = 0

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def image(self, portal, *, consent="not_needed", alt="Des voisins au marché"):
        from quartiers.uploads.models import PortalImage

        return PortalImage.objects.create(
            title=f"Photo {self._next()}",
            alt_text=alt,
            consent=consent,
            collection=portal.collection,
            file=SimpleUploadedFile("photo.png", png_bytes(), "image/png"),
        )

    def article(
        self,
        portal,
        title="La fête des voisins",
        *,
        rubrique=None,
        cover=None,
        body=None,
        tags=(),
        live=True,
        author=None,
    ):
        from quartiers.newsroom import selectors
        from quartiers.newsroom.models import ArticleAuthor, ArticlePage, Rubrique

        journal = selectors.journal_of(portal)
        page = ArticlePage(
            title=title,
            slug=f"article-{self._next()}",
            chapo=f"Chapeau de {title}",
            rubrique=Rubrique.objects.get(portal=portal, slug=rubrique)
            if rubrique
            else None,
            cover=cover,
            body=json.dumps(
                body
                or [
                    {"type": "heading", "value": "Ce qui s'est passé"},
                    {"type": "paragraph", "value": f"<p>Texte complet de {title}.</p>"},
                ]
            ),
        )
        if author is not None:
            page.authors.add(ArticleAuthor(user=author))
        journal.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    def blog(self, portal, user, title="Les carnets d'Awa", *, live=True):
        from quartiers.blogs import selectors
        from quartiers.blogs.models import BlogPage

        blog = BlogPage(
            title=title,
            slug=f"blog-{self._next()}",
            author=user,
            portal=portal,
            presentation="J'écris ici.",
        )
        selectors.blog_index_of(portal).add_child(instance=blog)
        revision = blog.save_revision()
        if live:
            revision.publish()
        else:
            blog.live = False
            blog.save(update_fields=["live"])
        blog.refresh_from_db()
        return blog

    def post(self, blog, title="Mon premier billet", *, photo=None, live=True):
        from quartiers.blogs.models import BlogPostPage

        post = BlogPostPage(
            title=title,
            slug=f"billet-{self._next()}",
            body=f"<p>Texte entier de <b>{title}</b>.</p>",
            photo=photo,
            photo_alt="Une photo du jardin" if photo else "",
        )
        blog.add_child(instance=post)
        revision = post.save_revision()
        if live:
            revision.publish()
        else:
            post.live = False
            post.save(update_fields=["live"])
        post.refresh_from_db()
        return post

    def ad(self, portal, title="Poussette à donner", *, author=None, **fields):
        from quartiers.classifieds.models import Ad

        now = timezone.now()
        values = {
            "kind": Ad.GIFT,
            "category": "enfants",
            "text": "Poussette pliable, bon état.",
            "place": "Près de l'école",
            "status": Ad.PUBLISHED,
            "published_at": now - timedelta(seconds=self._next()),
            "expires_at": now + timedelta(days=30),
            "author_name": "Awa",
            **fields,
        }
        return Ad.objects.create(portal=portal, author=author, title=title, **values)

    def ad_photo(self, ad, image):
        from quartiers.classifieds.models import AdPhoto

        return AdPhoto.objects.create(ad=ad, image=image)

    def event(self, portal, title="Fête de quartier", *, published=True, **kw):
        from quartiers.agenda import services
        from quartiers.agenda.models import Event

        fields = services.EventFields(
            title=title,
            start=kw.pop("start", None) or soon(3),
            place_name=kw.pop("place_name", "Pelouse centrale"),
            **kw,
        )
        event = services.event_propose(portal=portal, actor=None, fields=fields)
        if not published:
            Event.objects.filter(pk=event.pk).update(status=Event.PENDING)
            event.refresh_from_db()
        return event

    def actor(self, portal, name="Maison de quartier", **fields):
        from django.utils.text import slugify

        from quartiers.directory.models import LocalActor

        values = {
            "slug": slugify(name),
            "kind": LocalActor.ASSOCIATION,
            "status": LocalActor.PUBLISHED,
            "town": portal.town,
            "description": f"{name} accueille tout le monde.",
            **fields,
        }
        return LocalActor.objects.create(portal=portal, name=name, **values)

    def practical(self, portal, title="Numéros utiles", *, live=True):
        from quartiers.directory.models import PracticalInfoIndexPage, PracticalInfoPage

        index = PracticalInfoIndexPage.objects.filter(
            path__startswith=portal.home_page.path
        ).first()
        page = PracticalInfoPage(
            title=title,
            slug=f"infos-{self._next()}",
            intro="Qui appeler, quand.",
            last_checked=date.today(),
            body=json.dumps(
                [
                    {
                        "type": "number",
                        "value": {"name": "Mairie", "phone": "01 23 45 67 89"},
                    }
                ]
            ),
        )
        index.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    def media(self, portal, kind):
        from quartiers.uploads.models import MediaAsset

        return MediaAsset.objects.create(
            portal=portal,
            kind=kind,
            title="Fichier de test",
            status=MediaAsset.READY,
            duration=125.0,
            width=1280,
            height=720,
        )

    def _publish(self, parent, page, live):
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page

    def episode(self, portal, title="Le marché du samedi", *, live=True):
        from quartiers.radio import selectors
        from quartiers.radio.models import EpisodePage, ShowPage
        from quartiers.uploads.models import MediaAsset

        radio = selectors.radio_of(portal)
        show = ShowPage.objects.child_of(radio).first() or self._publish(
            radio, ShowPage(title="Les Voix du quartier", slug="les-voix"), True
        )
        page = EpisodePage(
            title=title,
            slug=f"episode-{self._next()}",
            audio=self.media(portal, MediaAsset.AUDIO),
            live=False,
        )
        return self._publish(show, page, live)

    def video(self, portal, title="La fête en images", *, live=True):
        from quartiers.tv import selectors
        from quartiers.tv.models import VideoPage
        from quartiers.uploads.models import MediaAsset

        page = VideoPage(
            title=title,
            slug=f"video-{self._next()}",
            video=self.media(portal, MediaAsset.VIDEO),
            live=False,
        )
        return self._publish(selectors.tv_of(portal), page, live)


@pytest.fixture
def build(db):
    return Builders()


@pytest.fixture
def one_of_each(build, portal_a, resident_a):
    """Two public items of each kind on portal A, with photos where possible."""

    blogs = {}

    def make(count=1, portal=None):
        portal = portal or portal_a
        for _ in range(count):
            photo = build.image(portal)
            build.article(portal, cover=photo, tags=("fête",), author=resident_a)
            build.ad_photo(build.ad(portal), build.image(portal))
            build.event(portal)
            build.actor(portal, name=f"Association {build._next()}")
            build.practical(portal)
        if portal.pk not in blogs:
            blogs[portal.pk] = build.blog(portal, resident_a)
        blog = blogs[portal.pk]
        for _ in range(count):
            build.post(blog, photo=build.image(portal))

    return make


@pytest.fixture
def count_queries(settings):
    """Queries of one GET, after a first one that warms caches (feeds are not
    cached here, so that the count is the real work)."""
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0

    def count(client, url, status=200):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return len(context.captured_queries)

    return count
