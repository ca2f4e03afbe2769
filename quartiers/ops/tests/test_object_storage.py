"""Files on an S3-compatible object store, chosen by settings alone.

The store here is moto's server mode (from PyPI), a stand-in that speaks the
S3 protocol over HTTP on loopback: the same client code as with a real
provider, signatures included. Private files are only reachable through
short-lived signed addresses; media conversion reads and writes there."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings

pytest.importorskip("moto")
pytest.importorskip("storages")

BUCKET = "avis-de-quartiers"
KEYS = {"access_key": "cle-de-test", "secret_key": "secret-de-test"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), 0.5):
                    break
            except OSError:
                time.sleep(0.2)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
        ).create_bucket(Bucket=BUCKET)
        yield url
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def s3_storage(s3_server, settings):
    """The default storage on the store, as production settings make it."""
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_server,
        "region_name": "us-east-1",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 600,
        "signature_version": "s3v4",
        "file_overwrite": False,
        "addressing_style": "path",
        "location": f"essai-{uuid.uuid4().hex[:8]}",
        **KEYS,
    }
    storages_setting = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    with override_settings(STORAGES=storages_setting):
        storage = storages["default"]
        yield storage


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_production_settings_build_an_s3_storage(monkeypatch):
    """S3_BUCKET and friends are all it takes (read in config/env.py)."""
    import importlib

    from quartiers.config import env

    for name, value in {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "S3_ACCESS_KEY_ID": "a",
        "S3_SECRET_ACCESS_KEY": "b",
    }.items():
        monkeypatch.setenv(name, value)
    importlib.reload(env)
    try:
        from quartiers.config.settings import base

        base = importlib.reload(base)
        default = base.STORAGES["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        assert default["OPTIONS"]["bucket_name"] == BUCKET
        assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9"
        assert default["OPTIONS"]["default_acl"] is None
        assert default["OPTIONS"]["querystring_auth"] is True
    finally:
        monkeypatch.undo()
        importlib.reload(env)
        importlib.reload(base)


def test_files_are_private_and_read_through_signed_addresses(s3_storage):
    name = s3_storage.save("documents/compte-rendu.txt", ContentFile(b"Conseil"))
    assert s3_storage.exists(name)
    with s3_storage.open(name) as handle:
        assert handle.read() == b"Conseil"

    url = s3_storage.url(name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=600" in url
    assert _get(url) == (200, b"Conseil")
    # The same address without its signature is refused.
    status, _body = _get(url.split("?")[0])
    assert status == 403

    # A second file of the same name never replaces the first.
    other = s3_storage.save("documents/compte-rendu.txt", ContentFile(b"Autre"))
    assert other != name


@pytest.mark.django_db
def test_a_sound_is_converted_from_and_to_the_object_store(
    s3_storage, portal_a, animator_a, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quartiers.uploads import media_services
    from quartiers.uploads.models import MediaAsset

    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg manque")
    source = tmp_path / "interview.wav"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi",
         "-i", "sine=frequency=440:duration=2", str(source)],
        check=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        asset = media_services.media_asset_create(
            portal=portal_a,
            actor=animator_a,
            upload=SimpleUploadedFile(source.name, source.read_bytes()),
            kind=MediaAsset.AUDIO,
            title="Interview au marché",
        )
    asset.refresh_from_db()
    assert asset.status == MediaAsset.READY, asset.failure_reason
    assert asset.audio_file.storage.__class__.__name__ == "S3Storage"
    assert s3_storage.exists(asset.original.name)
    assert s3_storage.exists(asset.audio_file.name)
    with s3_storage.open(asset.audio_file.name) as handle:
        assert handle.read(3) in (b"ID3", b"\xff\xfb\x90"[:3])
