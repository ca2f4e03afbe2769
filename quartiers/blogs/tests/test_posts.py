"""A resident writes and edits posts: reviewed first, or online at once."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from quartiers.blogs import services
from quartiers.blogs.models import BlogPostPage
from quartiers.portals import services as portal_services
from quartiers.uploads.models import PortalImage
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db

NEW = "/alpha/blogs/mon-blog/nouveau-billet/"


def _edit_url(post):
    return f"/alpha/blogs/mon-blog/billets/{post.pk}/modifier/"


def _post(client, url=NEW, **data):
    payload = {"title": "", "text": "", "photo_alt": "", "photo_people": "none"}
    payload.update(data)
    return client.post(url, payload)


def _state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


@pytest.fixture
def resident_blog(resident_a, portal_a):
    return services.blog_open(
        portal=portal_a, actor=resident_a, title="Chez Awa", presentation=""
    )


def test_without_a_blog_one_is_asked_to_open_it(client, resident_a, portal_a):
    client.force_login(resident_a)
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == "/alpha/blogs/ouvrir/"


def test_pre_moderated_post_waits_for_review_and_stays_hidden(
    client, resident_a, resident_blog, animator_a
):
    client.force_login(resident_a)
    response = _post(client, title="La fête des voisins", text="Un vrai succès.")
    assert response.status_code == 302
    assert response["Location"] == "/alpha/blogs/mon-blog/"
    post = BlogPostPage.objects.get(title="La fête des voisins")
    assert not post.live
    assert _state(post).status == WorkflowState.STATUS_IN_PROGRESS
    assert "en relecture" in client.get("/alpha/blogs/mon-blog/").content.decode()

    client.logout()
    assert "La fête des voisins" not in client.get("/alpha/blogs/").content.decode()
    assert client.get(post.url).status_code == 404

    # The animator approves the blog and the post in the admin's workflow.
    _state(resident_blog).current_task_state.approve(user=animator_a)
    _state(post).current_task_state.approve(user=animator_a)
    page = client.get(post.url)
    assert page.status_code == 200
    assert "Un vrai succès." in page.content.decode()


def test_post_under_a_blog_in_review_stays_hidden_even_once_approved(
    client, resident_a, resident_blog, animator_a
):
    client.force_login(resident_a)
    _post(client, title="Le marché", text="Samedi matin.")
    post = BlogPostPage.objects.get(title="Le marché")
    _state(post).current_task_state.approve(user=animator_a)
    post.refresh_from_db()
    assert post.live
    client.logout()
    assert client.get(post.url).status_code == 404


def test_trusted_resident_posts_online_at_once(client, resident_a, portal_a, live_blog):
    live_blog(resident_a, portal_a)
    client.force_login(resident_a)
    response = _post(client, title="Le jardin fleurit", text="Les tulipes sont là.")
    post = BlogPostPage.objects.get(title="Le jardin fleurit")
    assert post.live
    assert response["Location"] == post.url
    assert not WorkflowState.objects.filter(object_id=str(post.pk)).exists()
    client.logout()
    assert "Les tulipes sont là." in client.get(post.url).content.decode()
    assert "Le jardin fleurit" in client.get("/alpha/blogs/").content.decode()


def test_after_moderation_portal_publishes_everyone_at_once(
    client, resident_a, portal_a, animator_a
):
    portal_services.portal_update(
        portal=portal_a, actor=animator_a, moderation_mode="after"
    )
    client.force_login(resident_a)
    client.post("/alpha/blogs/ouvrir/", {"title": "Chez Awa", "presentation": ""})
    _post(client, title="Vide-grenier", text="Dimanche, place du marché.")
    post = BlogPostPage.objects.get(title="Vide-grenier")
    assert post.live and post.get_parent().live


def test_editing_a_live_post_keeps_it_online_until_review(
    client, resident_a, portal_a, live_blog, coordinator
):
    from quartiers.accounts.models import Membership

    blog = live_blog(resident_a, portal_a)
    post, _ = services.post_save(
        portal=portal_a, actor=resident_a, title="Avant", text="Première version."
    )
    # Back to a plain resident: changes are reviewed again.
    Membership.objects.filter(user=resident_a, portal=portal_a).update(role="resident")
    client.force_login(resident_a)
    form = client.get(_edit_url(post)).content.decode()
    assert "Première version." in form
    response = _post(client, _edit_url(post), title="Après", text="Deuxième version.")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.live and post.title == "Avant"
    assert post.draft_title == "Après"
    assert _state(post).status == WorkflowState.STATUS_IN_PROGRESS
    assert "Première version." in client.get(post.url).content.decode()
    assert blog.live


def test_someone_elses_post_is_a_404(
    client, resident_a, portal_a, live_blog, animator_a
):
    live_blog(resident_a, portal_a)
    post, _ = services.post_save(
        portal=portal_a, actor=resident_a, title="À moi", text="Mon texte."
    )
    services.blog_open(portal=portal_a, actor=animator_a, title="Anim", presentation="")
    client.force_login(animator_a)
    assert client.get(_edit_url(post)).status_code == 404
    assert _post(client, _edit_url(post), title="Pris", text="x").status_code == 404
    assert (
        client.get("/alpha/blogs/mon-blog/billets/999999/modifier/").status_code == 404
    )
    post.refresh_from_db()
    assert post.title == "À moi"


def test_own_post_under_another_portal_prefix_is_a_404(
    client, resident_a, portal_a, portal_b, live_blog
):
    from quartiers.accounts import services as account_services

    live_blog(resident_a, portal_a)
    post, _ = services.post_save(
        portal=portal_a, actor=resident_a, title="À Alpha", text="Texte."
    )
    account_services.membership_join(portal=portal_b, actor=resident_a)
    client.force_login(resident_a)
    url = f"/beta/blogs/mon-blog/billets/{post.pk}/modifier/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">clic</a>',
        "</p><iframe src=//evil></iframe>",
    ],
)
def test_xss_in_a_post_never_reaches_the_page(
    client, resident_a, portal_a, live_blog, payload
):
    live_blog(resident_a, portal_a, title="Blog <b>gras</b>")
    client.force_login(resident_a)
    _post(client, title=f"Titre {payload}", text=f"Bonjour {payload} fin")
    post = BlogPostPage.objects.get(title__startswith="Titre")
    for url in (post.url, "/alpha/blogs/", post.get_parent().url):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert '<a href="javascript' not in html
        assert "<iframe" not in html
        assert "<b>gras</b>" not in html


def test_huge_text_is_refused_and_the_title_is_kept(client, resident_a, resident_blog):
    client.force_login(resident_a)
    response = _post(client, title="Mon grand récit", text="a" * 200_000)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Votre texte est trop long" in html
    assert 'value="Mon grand récit"' in html
    assert not BlogPostPage.objects.exists()


def test_photo_needs_a_description_and_consent(client, resident_a, resident_blog):
    client.force_login(resident_a)
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps_bytes(), "image/jpeg")
    response = _post(client, title="Photo", text="Texte.", photo=photo)
    assert response.status_code == 400
    assert "Décrivez en une phrase ce que montre la photo." in response.content.decode()
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps_bytes(), "image/jpeg")
    response = _post(
        client,
        title="Photo",
        text="Texte.",
        photo=photo,
        photo_alt="Des voisins",
        photo_people="not_asked",
    )
    assert response.status_code == 400
    assert "Sans leur accord" in response.content.decode()
    assert not PortalImage.objects.filter(title__startswith="Photo").exists()


def test_photo_is_stored_without_exif_in_the_portal_collection(
    client, resident_a, portal_a, live_blog
):
    live_blog(resident_a, portal_a)
    client.force_login(resident_a)
    photo = SimpleUploadedFile("tel.jpg", jpeg_with_gps_bytes(), "image/jpeg")
    response = _post(
        client,
        title="Le jardin",
        text="Regardez !",
        photo=photo,
        photo_alt="Des tomates dans un panier",
        photo_people="agreed",
    )
    assert response.status_code == 302
    post = BlogPostPage.objects.get(title="Le jardin")
    image = post.photo
    assert image.collection_id == portal_a.collection_id
    assert image.consent == PortalImage.CONSENT_GIVEN
    assert image.alt_text == "Des tomates dans un panier"
    with image.file.open("rb") as handle:
        stored = Image.open(BytesIO(handle.read()))
        assert not stored.getexif()
    html = client.get(post.url).content.decode()
    assert 'alt="Des tomates dans un panier"' in html


def test_too_heavy_photo_is_refused_before_saving(
    client, resident_a, resident_blog, settings
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    client.force_login(resident_a)
    photo = SimpleUploadedFile(
        "lourde.jpg", jpeg_with_gps_bytes((400, 300)), "image/jpeg"
    )
    response = _post(
        client, title="Lourde", text="Texte.", photo=photo, photo_alt="Une rue"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cette photo est trop lourde" in html
    assert 'value="Lourde"' in html
    assert PortalImage.objects.count() == 0


def test_not_an_image_is_refused(client, resident_a, resident_blog):
    client.force_login(resident_a)
    fake = SimpleUploadedFile("photo.jpg", b"pas une image", "image/jpeg")
    response = _post(client, title="Faux", text="T", photo=fake, photo_alt="x")
    assert response.status_code == 400
    assert "pas une photo lisible" in response.content.decode()


def test_posting_is_rate_limited(client, resident_a, resident_blog, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "blog_post": (2, 3600),
    }
    client.force_login(resident_a)
    for number in range(2):
        assert _post(client, title=f"B{number}", text="t").status_code == 302
    assert _post(client, title="B3", text="t").status_code == 429
    assert BlogPostPage.objects.count() == 2
