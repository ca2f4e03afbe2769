"""Once image rights are withdrawn, neither the original nor any resized copy
can be reached, and nothing makes a new public copy afterwards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from wagtail.images.models import SourceImageIOError

from quartiers.uploads.models import PortalImage, PortalRendition
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def portrait(portal_a):
    image = PortalImage(
        title="Portrait de Awa",
        file=SimpleUploadedFile("awa.jpg", jpeg_with_gps_bytes((200, 150))),
        collection=portal_a.collection,
        consent=PortalImage.CONSENT_GIVEN,
    )
    image.save()
    return image


def _withdraw(image):
    image.consent = PortalImage.CONSENT_WITHDRAWN
    image.save()


def test_the_original_never_has_a_public_address(client, portrait):
    assert client.get(f"/media/{portrait.file.name}").status_code == 404


def test_withdrawal_removes_every_copy_and_none_comes_back(client, portrait):
    renditions = [portrait.get_rendition(spec) for spec in ("fill-100x100", "width-80")]
    urls = [r.url for r in renditions]
    for url in urls:
        assert client.get(url).status_code == 200

    _withdraw(portrait)

    for url in urls:
        assert client.get(url).status_code == 404
    assert client.get(f"/media/{portrait.file.name}").status_code == 404
    fresh = PortalImage.objects.get(pk=portrait.pk)
    with pytest.raises(SourceImageIOError):
        fresh.get_rendition("fill-100x100")
    with pytest.raises(SourceImageIOError):
        fresh.get_renditions("fill-100x100", "width-300")
    # A template (a page, a list, a widget) shows an empty image instead.
    html = Template(
        "{% load wagtailimages_tags %}{% image image fill-120x120 %}"
    ).render(Context({"image": fresh}))
    assert "not-found" in html or 'src=""' in html
    assert not PortalRendition.objects.filter(image=fresh).exists()


def test_the_admin_listing_and_edit_page_make_no_new_copy(
    staff_client, animator_a, portrait
):
    _withdraw(portrait)
    client = staff_client(animator_a)
    assert client.get(reverse("wagtailimages:index")).status_code == 200
    assert (
        client.get(reverse("wagtailimages:edit", args=[portrait.pk])).status_code == 200
    )
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
    assert not PortalRendition.objects.filter(image=portrait).exists()
