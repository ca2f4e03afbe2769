"""Documents (toolkit files, captions): what is accepted, and how it is served.

A document is never a page of our site. The upload refuses what a browser
would run (HTML, SVG, XML, scripts, PDF with scripts or launch actions),
whatever its name says; ``serve`` answers every document as a download
with ``nosniff`` and a sandboxing CSP, even one stored before these checks.
"""

import re
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.views import serve as wagtail_serve

from .captions import validate_webvtt
from .serving import allow_every_origin, protect

# Extension -> first bytes the file must start with (None: plain text).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "odg": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "epub": (b"PK\x03\x04",),
    "zip": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "ppt": (b"\xd0\xcf\x11\xe0",),
    "rtf": (b"{\\rtf",),
    "txt": None,
    "csv": None,
    "vtt": None,
}
EXTENSIONS = tuple(SIGNATURES)

# Markup a browser would render as a page, wherever it appears in a text.
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|object|embed|"
    rb"meta|link|style|img|form|math|xsl)\b|javascript:",
    re.IGNORECASE,
)
# PDF actions that run code or open other files. Names may be written with
# #xx escapes (/J#61vaScript): they are decoded before the search.
PDF_ACTIVE = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)"
    rb"(?![A-Za-z])"
)
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
MAX_INFLATED = 64 * 1024 * 1024


def max_document_bytes() -> int:
    return int(getattr(settings, "QUARTIERS_MAX_DOCUMENT_MB", 50)) * 1024 * 1024


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read(max_document_bytes() + 1)
    uploaded.seek(0)
    return data


def _refuse_active():
    return ValidationError(
        _(
            "Ce fichier contient du code qui pourrait s'exécuter dans le navigateur "
            "(page web, image SVG, script…). Il a été refusé. Envoyez plutôt un PDF "
            "simple ou un document de traitement de texte."
        ),
        code="active",
    )


def _pdf_is_active(data: bytes) -> bool:
    def decoded(chunk: bytes) -> bytes:
        return PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), chunk)

    if PDF_ACTIVE.search(decoded(data)):
        return True
    # Object streams hide names in compressed streams: look inside them too.
    budget = MAX_INFLATED
    for match in PDF_STREAM.finditer(data):
        if budget <= 0:
            return True  # a compression bomb is not a document we publish
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        if PDF_ACTIVE.search(decoded(inflated)):
            return True
    return False


def validate_document(uploaded):
    """Refuse a document a browser could run, or one that is not what it says.

    Returns the file rewound; raises ValidationError with a plain French
    message.
    """
    name = str(getattr(uploaded, "name", "") or "")
    extension = _extension(name)
    if extension not in SIGNATURES:
        raise ValidationError(
            _(
                "Ce type de fichier n'est pas accepté comme document. "
                "Formats acceptés : %(list)s."
            )
            % {"list": ", ".join(ext.upper() for ext in EXTENSIONS)},
            code="extension",
        )
    size = int(uploaded.size or 0)
    if size == 0:
        raise ValidationError(_("Ce document est vide (0 octet)."), code="empty")
    if size > max_document_bytes():
        raise ValidationError(
            _("Ce document est trop lourd (%(size)s). La limite est de %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(max_document_bytes()),
            },
            code="too_big",
        )
    data = _read_all(uploaded)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    signatures = SIGNATURES[extension]
    if signatures is None:
        if ACTIVE_MARKUP.search(data) or b"\x00" in data[:4096]:
            raise _refuse_active()
        if extension == "vtt":
            validate_webvtt(uploaded)
    else:
        if extension == "pdf":
            # Readers accept "%PDF-" in the first kilobyte, not only at 0.
            if b"%PDF-" not in head:
                raise _not_what_it_says(extension)
            if ACTIVE_MARKUP.search(data[: data.find(b"%PDF-")]) or _pdf_is_active(
                data
            ):
                raise _refuse_active()
        elif not head.startswith(signatures):
            if ACTIVE_MARKUP.search(data[:4096]):
                raise _refuse_active()
            raise _not_what_it_says(extension)
    uploaded.seek(0)
    return uploaded


def _not_what_it_says(extension: str) -> ValidationError:
    return ValidationError(
        _(
            "Ce fichier n'est pas un vrai fichier %(type)s : son contenu ne "
            "correspond pas à son nom. Enregistrez-le à nouveau depuis votre "
            "logiciel et renvoyez-le."
        )
        % {"type": extension.upper()},
        code="mismatch",
    )


class DocumentForm(BaseDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_document(uploaded)
        return uploaded


def is_public_document(document_id) -> bool:
    """Whether anyone may read the document: no view restriction on its
    collection or any collection above it."""
    document = (
        get_document_model()
        .objects.filter(pk=document_id)
        .select_related("collection")
        .first()
    )
    return document is not None and not (
        document.collection.get_view_restrictions().exists()
    )


def serve(request, document_id, document_filename):
    """Wagtail's document view (collection privacy, counts), always a download.

    A public document (a video's captions, a toolkit file for everyone) is
    open to every site: a player on a partner's page loads the captions.
    """
    response = wagtail_serve.serve(request, document_id, document_filename)
    if response.status_code in (200, 206, 304):
        response = protect(response, attachment=True, filename=document_filename)
        if is_public_document(document_id):
            allow_every_origin(response)
    return response
