"""WebVTT captions: the one check for subtitle files sent with a video."""

import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CUE_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
CUE_TIMING = re.compile(rf"^{CUE_TIME}[ \t]+-->[ \t]+{CUE_TIME}(?:[ \t].*)?$")


def _seconds(hours, minutes, secs, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def validate_webvtt(uploaded):
    """Accept a WebVTT captions file: UTF-8, "WEBVTT" first, cue times valid.

    Returns the file rewound.
    """
    limit = int(getattr(settings, "QUARTIERS_MAX_CAPTIONS_KB", 512)) * 1024
    size = int(uploaded.size)
    if size == 0:
        raise ValidationError(_("Ce fichier de sous-titres est vide."), code="empty")
    if size > limit:
        raise ValidationError(
            _(
                "Ce fichier de sous-titres est trop lourd (%(size)s). La limite est de %(limit)s."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    name = os.path.basename(str(getattr(uploaded, "name", "") or ""))
    if not name.lower().endswith(".vtt"):
        raise ValidationError(
            _("Ce fichier n'est pas un fichier de sous-titres. Format accepté : VTT."),
            code="extension",
        )
    uploaded.seek(0)
    raw = uploaded.read(limit + 1)
    uploaded.seek(0)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "Ce fichier de sous-titres n'est pas en UTF-8. Enregistrez-le en UTF-8 "
                "et envoyez-le à nouveau."
            ),
            code="encoding",
        ) from None
    text = text.removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValidationError(
            _(
                "Ce fichier n'est pas un fichier de sous-titres WebVTT : "
                "il doit commencer par « WEBVTT »."
            ),
            code="not_webvtt",
        )
    if "\x00" in text:
        raise ValidationError(_("Ce fichier de sous-titres est abîmé."), code="nul")
    cues = 0
    for number, line in enumerate(lines[1:], start=2):
        if "-->" not in line:
            continue
        match = CUE_TIMING.match(line.strip())
        if not match:
            raise ValidationError(
                _(
                    "Ligne %(n)s : le minutage « %(line)s » n'est pas valable "
                    "(attendu : 00:00:01.000 --> 00:00:04.000)."
                )
                % {"n": number, "line": line.strip()[:60]},
                code="timing",
            )
        groups = match.groups()
        if _seconds(*groups[4:]) < _seconds(*groups[:4]):
            raise ValidationError(
                _("Ligne %(n)s : la fin du sous-titre vient avant son début.")
                % {"n": number},
                code="timing_order",
            )
        cues += 1
    if not cues:
        raise ValidationError(
            _("Ce fichier de sous-titres ne contient aucun sous-titre."),
            code="no_cue",
        )
    return uploaded
