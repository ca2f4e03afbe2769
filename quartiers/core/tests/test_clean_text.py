"""Control characters are taken out of everything people send in a form."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from quartiers.blogs.models import BlogPage
from quartiers.core.middleware import CleanTextMiddleware
from quartiers.core.sanitize import strip_controls, xml_safe, xml_text

PASTED = "Les\x0b carnets\x01 d'Awa\x1f\x7f"


def _seen(request):
    seen = {}

    def view(request):
        seen["GET"] = dict(request.GET.lists())
        seen["POST"] = dict(request.POST.lists())
        return HttpResponse("ok")

    CleanTextMiddleware(view)(request)
    return seen


def test_strip_controls_keeps_tabs_and_line_breaks():
    assert strip_controls(PASTED) == "Les carnets d'Awa"
    assert strip_controls("a\tb\nc\r\nd") == "a\tb\nc\r\nd"
    assert strip_controls("") == "" and strip_controls(None) is None


def test_xml_text_takes_out_what_xml_refuses():
    assert xml_text("a\x0bb\ufffe\ud800c") == "abc"
    assert xml_safe({"t": ["a\x01", ("b\x02",)], "n": 3}) == {
        "t": ["a", ("b",)],
        "n": 3,
    }


@pytest.mark.parametrize("multipart", [False, True])
def test_every_form_reads_clean_values(multipart):
    factory = RequestFactory()
    data = {"title": PASTED, "body": ["ligne 1\nligne\x0b 2", "x\x0c"]}
    if multipart:
        request = factory.post("/alpha/blogs/ouvrir/?q=a%0Bb", data)
    else:
        from urllib.parse import urlencode

        request = factory.post(
            "/alpha/blogs/ouvrir/?q=a%0Bb",
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    seen = _seen(request)
    assert seen["POST"]["title"] == ["Les carnets d'Awa"]
    assert seen["POST"]["body"] == ["ligne 1\nligne 2", "x"]
    assert seen["GET"]["q"] == ["ab"]


def test_a_resident_pasting_control_characters_gets_clean_text(
    client, portal_a, resident_a
):
    client.force_login(resident_a)
    response = client.post(
        "/alpha/blogs/ouvrir/", {"title": PASTED, "presentation": "Moi\x0b.\nIci."}
    )
    assert response.status_code in (200, 302)
    blog = BlogPage.objects.get(author=resident_a)
    assert blog.title == "Les carnets d'Awa"
    assert blog.presentation == "Moi.\nIci."
