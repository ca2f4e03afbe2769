"""deploy/nginx.conf keeps the rules the application applies: the same public
media folders, the same protective headers, private files only by internal
redirect, and a French 413 page whose limit fits every resident form."""

import re
from pathlib import Path

from django.conf import settings

from quartiers.newsroom.forms import SubmissionForm
from quartiers.radio.forms import TestimonyForm
from quartiers.uploads import media
from quartiers.uploads.serving import SANDBOX_CSP

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
CONF = (DEPLOY / "nginx.conf").read_text()


def _blocks(conf: str) -> dict[str, str]:
    """location header -> its body (no nested blocks in our locations)."""
    found = {}
    for match in re.finditer(r"location\s+([^{]+?)\s*\{(.*?)\n    \}", conf, re.S):
        found[match.group(1).strip()] = match.group(2)
    return found


LOCATIONS = _blocks(CONF)


def _mb(value: str) -> int:
    number, unit = re.match(r"(\d+)([kmg]?)", value.lower()).groups()
    return int(number) * {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / 1024**2}[unit]


def test_only_public_folders_are_served_and_the_rest_answers_404():
    assert "return 404" in LOCATIONS["/media/"]
    folders = set()
    for header, body in LOCATIONS.items():
        if header.startswith("~ ^/media/"):
            group = re.match(r"~ \^/media/\(([^)]+)\)/", header).group(1)
            folders |= set(group.split("|"))
            assert 'X-Content-Type-Options "nosniff" always' in body, header
            assert f'Content-Security-Policy "{SANDBOX_CSP}" always' in body, header
    assert folders == {p.rstrip("/") for p in settings.QUARTIERS_PUBLIC_MEDIA_PREFIXES}
    downloads = [b for h, b in LOCATIONS.items() if "attachment" in b]
    assert downloads, "other types in public folders must be downloads"


def test_private_files_go_out_only_by_internal_redirect():
    production = (
        Path(__file__).resolve().parents[2] / "config" / "settings" / "production.py"
    ).read_text()
    prefix = re.search(r'QUARTIERS_MEDIA_ACCEL_REDIRECT = "([^"]+)"', production).group(
        1
    )
    body = LOCATIONS[prefix]
    assert "internal;" in body
    assert 'X-Content-Type-Options "nosniff" always' in body
    assert f'Content-Security-Policy "{SANDBOX_CSP}" always' in body


def test_the_413_page_is_french_and_its_limit_fits_every_resident_form():
    server_limit = re.search(r"\n    client_max_body_size (\w+);", CONF).group(1)
    assert _mb(server_limit) == settings.QUARTIERS_MAX_PUBLIC_REQUEST_MB

    photo = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE / 1024**2
    sound = media.max_resident_audio_bytes() / 1024**2
    proposal = SubmissionForm.base_fields["photos"].max_photos * photo + sound
    for field in (
        SubmissionForm.base_fields["audio"],
        TestimonyForm.base_fields["audio"],
    ):
        assert field.resident  # residents' sounds have the smaller limit
    assert proposal < settings.QUARTIERS_MAX_PUBLIC_REQUEST_MB

    page_path = re.search(r"error_page 413 (\S+);", CONF).group(1)
    page = (DEPLOY / page_path.lstrip("/")).read_text()
    assert '<html lang="fr">' in page
    assert f"{settings.QUARTIERS_MAX_PUBLIC_REQUEST_MB} Mo" in page
    assert f"{int(photo)} Mo" in page and f"{int(sound)} Mo" in page
    assert "internal;" in LOCATIONS[f"= {page_path}"]
