import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartiers.uploads.models import PortalImage
from tests.factories import jpeg_with_gps_bytes, png_bytes

pytestmark = pytest.mark.django_db


def test_original_is_stored_without_exif_or_gps(portal_a):
    image = PortalImage(
        title="Fête des voisins",
        file=SimpleUploadedFile("fete.jpg", jpeg_with_gps_bytes()),
        collection=portal_a.collection,
    )
    image.save()
    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()


def test_renditions_carry_no_metadata_either(portal_a):
    image = PortalImage(
        title="Marché",
        file=SimpleUploadedFile("marche.jpg", jpeg_with_gps_bytes((200, 150))),
        collection=portal_a.collection,
    )
    image.save()
    rendition = image.get_rendition("fill-100x100")
    with rendition.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()


def test_png_keeps_its_format(portal_a):
    image = PortalImage(
        title="Plan",
        file=SimpleUploadedFile("plan.png", png_bytes()),
        collection=portal_a.collection,
    )
    image.save()
    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "PNG"


def test_withdrawn_consent_makes_an_image_unpublishable(portal_a):
    image = PortalImage(
        title="Portrait",
        file=SimpleUploadedFile("p.png", png_bytes()),
        collection=portal_a.collection,
        consent=PortalImage.CONSENT_GIVEN,
    )
    image.save()
    assert image.publishable
    image.consent = PortalImage.CONSENT_WITHDRAWN
    assert not image.publishable
