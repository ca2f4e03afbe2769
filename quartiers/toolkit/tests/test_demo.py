"""The demo toolkit: written once for the network, real and complete."""

import re

import pytest
from wagtail.documents import get_document_model

from quartiers.toolkit import demo
from quartiers.toolkit.models import GuidePage, TemplatePage

pytestmark = pytest.mark.django_db


def _words(guide: GuidePage) -> int:
    text = []
    for block in guide.body:
        value = block.value
        if block.block_type == "paragraph":
            text.append(re.sub(r"<[^>]+>", " ", value.source))
        elif block.block_type == "steps":
            text.extend(value)
        elif block.block_type in ("heading", "tip"):
            text.append(value)
    return len(" ".join(text).split())


def test_seeder_fills_the_toolkit_once(portal_a, portal_b):
    demo.seed_toolkit(portal_a)
    counts = (
        GuidePage.objects.count(),
        TemplatePage.objects.count(),
        get_document_model().objects.count(),
    )
    demo.seed_toolkit(portal_b)
    demo.seed_toolkit(portal_a)
    assert counts == (
        GuidePage.objects.count(),
        TemplatePage.objects.count(),
        get_document_model().objects.count(),
    )
    assert counts[0] >= 8 and counts[1] == 3 and counts[2] >= 1


def test_second_run_is_one_query(portal_a, django_assert_max_num_queries):
    demo.seed_toolkit(portal_a)
    with django_assert_max_num_queries(2):
        demo.seed_toolkit(portal_a)


def test_demo_guides_are_real_pages(portal_a):
    demo.seed_toolkit(portal_a)
    guides = list(GuidePage.objects.live())
    assert {g.audience for g in guides} == {"animateurs", "public"}
    for guide in guides:
        assert 300 <= _words(guide) <= 600, (guide.title, _words(guide))
    templates = TemplatePage.objects.live()
    assert all(t.for_residents and t.for_animators for t in templates)


def test_consent_form_is_a_readable_pdf(portal_a, client):
    demo.seed_toolkit(portal_a)
    guide = GuidePage.objects.get(slug="droit-a-l-image-et-autorisations")
    document = next(
        b.value["document"] for b in guide.body if b.block_type == "document"
    )
    data = document.file.read()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    # Every offset of the cross-reference table points at its object.
    xref = int(data.rsplit(b"startxref", 1)[1].split()[0])
    entries = data[xref:].split(b"trailer")[0].splitlines()[3:]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert "autorise l'équipe du portail".encode("cp1252") in data
    assert client.get(document.url).status_code == 200
