import pytest

from quartiers.accounts.models import Membership
from quartiers.classifieds.demo import seed_classifieds
from quartiers.classifieds.models import Ad, AdPhoto
from quartiers.classifieds.personal_data import erase_ads, export_ads
from quartiers.uploads.models import PortalImage

pytestmark = pytest.mark.django_db


def test_export_lists_my_ads_only(portal_a, resident_a, resident_b, portal_b, make_ad):
    make_ad(portal_a, resident_a, "Poussette à donner")
    make_ad(portal_b, resident_b, "Pas à moi")
    exported = export_ads(resident_a)["petites_annonces"]
    assert [item["titre"] for item in exported] == ["Poussette à donner"]
    assert exported[0]["quartier"] == "Quartier Alpha"


@pytest.mark.parametrize("keep_contributions", [True, False])
def test_erase_deletes_my_ads_and_photos_in_both_cases(
    portal_a, resident_a, make_ad, keep_contributions
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    ad = make_ad(portal_a, resident_a)
    image = PortalImage.objects.create(
        title="t",
        file=SimpleUploadedFile("p.png", png_bytes(), content_type="image/png"),
        collection=portal_a.collection,
    )
    AdPhoto.objects.create(ad=ad, image=image)
    erase_ads(resident_a, keep_contributions)
    assert not Ad.objects.filter(author=resident_a).exists()
    assert not PortalImage.objects.filter(pk=image.pk).exists()


def test_demo_seeds_kind_ads_of_every_kind_by_residents_once(client, portal_a):
    seed_classifieds(portal_a)
    seed_classifieds(portal_a)  # idempotent
    ads = Ad.objects.filter(portal=portal_a)
    assert ads.count() >= 15
    assert {ad.kind for ad in ads} == {kind for kind, _label in Ad.KIND_CHOICES}
    animators = Membership.objects.filter(
        portal=portal_a, role=Membership.ANIMATOR
    ).values_list("user_id", flat=True)
    assert not ads.filter(author_id__in=animators).exists()
    assert AdPhoto.objects.filter(ad__portal=portal_a).count() >= 2
    html = client.get("/alpha/annonces/").content.decode()
    assert "Poussette à donner" in html
    assert client.get("/alpha/").status_code == 200
