"""Documents a browser would run are refused at upload, with a French
message, whatever their name says; ordinary documents are accepted."""

import zlib
from io import BytesIO
from zipfile import ZipFile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from quartiers.uploads.documents import validate_document

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
XML = b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>'
JS = b"fetch('/admin/users/new/')"


def _pdf(body: bytes) -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< " + body + b" >>\nendobj\ntrailer\n%%EOF\n"


def _pdf_with_compressed(body: bytes) -> bytes:
    stream = zlib.compress(body)
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def _docx() -> bytes:
    buffer = BytesIO()
    with ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


ACTIVE = {
    "page.html": HTML,
    "page.htm": HTML,
    "image.svg": SVG,
    "data.xml": XML,
    "script.js": JS,
    "page.xhtml": HTML,
    # Renamed: the name says document, the content is a page.
    "compte-rendu.txt": HTML,
    "liste.csv": b"nom;age\n<script>alert(1)</script>;3\n",
    "affiche.pdf": HTML,
    "plan.pdf": SVG,
    "rapport.docx": HTML,
    "sous-titres.vtt": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<svg onload=alert(1)>\n",
    # A real PDF that runs a script when opened.
    "js.pdf": _pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    "escaped.pdf": _pdf(b"/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>"),
    "launch.pdf": _pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>"),
    "hidden.pdf": _pdf_with_compressed(b"<< /S /JavaScript /JS (app.alert(1)) >>"),
}
FINE = {
    "compte-rendu.pdf": _pdf(b"/Type /Catalog /Pages 2 0 R"),
    "compressed.pdf": _pdf_with_compressed(b"BT /F1 12 Tf (Bonjour) Tj ET"),
    "rapport.docx": _docx(),
    "liste.csv": "nom;âge\nAwa;34\n".encode(),
    "notes.txt": "Réunion du 3 mars : 2 < 3 et c'est très bien.".encode(),
    "sous-titres.vtt": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n",
}


@pytest.mark.parametrize("name", ACTIVE)
def test_a_document_a_browser_would_run_is_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, ACTIVE[name]))
    message = error.value.messages[0]
    assert "refusé" in message or "n'est pas" in message, message


@pytest.mark.parametrize("name", FINE)
def test_ordinary_documents_are_accepted(name):
    uploaded = SimpleUploadedFile(name, FINE[name])
    assert validate_document(uploaded) is uploaded
    assert uploaded.tell() == 0


def test_html_svg_xml_and_js_are_not_document_types(settings):
    for extension in ("html", "htm", "xhtml", "svg", "xml", "js", "mjs", "swf"):
        assert extension not in settings.WAGTAILDOCS_EXTENSIONS


@pytest.mark.parametrize(
    "name, content",
    [("page.html", HTML), ("image.svg", SVG), ("compte-rendu.pdf", HTML)],
)
def test_the_admin_refuses_them_with_a_message(
    name, content, staff_client, animator_a, portal_a
):
    client = staff_client(animator_a)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Compte rendu",
            "collection": portal_a.collection.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert any(
        words in html
        for words in (
            "Il a été refusé",
            "Formats acceptés : PDF",
            "ne correspond pas à son nom",
        )
    ), html[:2000]
    assert not get_document_model().objects.filter(title="Compte rendu").exists()


def test_the_admins_multiple_upload_refuses_them_too(
    staff_client, animator_a, portal_a
):
    client = staff_client(animator_a)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": portal_a.collection.pk,
            "files[]": SimpleUploadedFile("compte-rendu.pdf", SVG),
        },
    )
    data = response.json()
    assert data["success"] is False
    assert "ne correspond pas à son nom" in data["error_message"]
    assert not get_document_model().objects.exists()


def test_the_admin_accepts_a_plain_pdf(staff_client, animator_a, portal_a):
    client = staff_client(animator_a)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Compte rendu",
            "collection": portal_a.collection.pk,
            "file": SimpleUploadedFile("cr.pdf", FINE["compte-rendu.pdf"]),
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Compte rendu")
    download = client.get(document.url)
    assert download["Content-Disposition"].startswith("attachment")
