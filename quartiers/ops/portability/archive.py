"""The archive of a portal that moves out: one ``.tar.gz``.

- ``manifest.json``: the format version, the portal, this install's
  migration state, the number of rows per model, and the size and SHA-256 of
  every other member (so a truncated or altered archive is refused before
  anything is written);
- ``rows.json``: the rows, by model, as JSON;
- ``files/<name in the storage>``: the files of the rows (images, documents,
  sounds, videos), read and written through Django's storage.
"""

import datetime
import hashlib
import io
import json
import tarfile
import time
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
KIND = "avis-de-quartiers/portail"
MANIFEST = "manifest.json"
ROWS = "rows.json"
FILES = "files/"
BLOCK = 1024 * 1024


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to
    milliseconds, as JavaScript reads them): the copy must be exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class PortabilityError(Exception):
    """An export or an import that cannot go on; the message says why, in French."""


def schema_state() -> dict[str, list[str]]:
    """Every migration applied, by app: the other install must have the same."""
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections["default"]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def schema_differences(theirs: dict, ours: dict) -> list[str]:
    """Apps whose migrations differ, in words an operator can act on."""
    lines = []
    for app in sorted(set(theirs) | set(ours)):
        missing = sorted(set(theirs.get(app, [])) - set(ours.get(app, [])))
        extra = sorted(set(ours.get(app, [])) - set(theirs.get(app, [])))
        if missing:
            lines.append(f"{app} : il manque ici {', '.join(missing)}")
        if extra:
            lines.append(f"{app} : l'archive n'a pas {', '.join(extra)}")
    return lines


def digest_of(handle) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    while chunk := handle.read(BLOCK):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


class Writer:
    """Writes the members, then the manifest that vouches for them."""

    def __init__(self, path: Path):
        self.path = path
        self.partial = path.with_name(path.name + ".partiel")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tar = tarfile.open(self.partial, "w:gz", compresslevel=6)
        self.members: dict[str, dict] = {}

    def add_bytes(self, name: str, data: bytes) -> None:
        self._add(name, io.BytesIO(data), len(data))

    def add_file(self, name: str, handle, size: int) -> None:
        self._add(name, handle, size)

    def _add(self, name: str, handle, size: int) -> None:
        sha = hashlib.sha256()

        class Hashing:
            def read(self, n=-1):
                chunk = handle.read(n)
                sha.update(chunk)
                return chunk

        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(time.time())
        self.tar.addfile(info, Hashing())
        self.members[name] = {"sha256": sha.hexdigest(), "size": size}

    def close(self, manifest: dict) -> None:
        manifest["members"] = self.members
        data = json.dumps(manifest, indent=1, ensure_ascii=False, cls=Encoder)
        self.add_bytes(MANIFEST, data.encode())
        self.tar.close()
        self.partial.replace(self.path)

    def abort(self) -> None:
        self.tar.close()
        self.partial.unlink(missing_ok=True)


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, cls=Encoder).encode()


class Reader:
    """Reads an archive, after checking every member against the manifest."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.tar = tarfile.open(path, "r:gz")
            self.names = {m.name: m for m in self.tar.getmembers() if m.isfile()}
            manifest = self.tar.extractfile(self.names[MANIFEST])
            self.manifest = json.loads(manifest.read())  # type: ignore[union-attr]
        except FileNotFoundError:
            raise PortabilityError(f"Le fichier {path} n'existe pas.") from None
        except (OSError, EOFError, KeyError, tarfile.TarError, ValueError) as exc:
            raise PortabilityError(
                "Ce fichier n'est pas une archive de portail lisible : il est "
                f"abîmé ou incomplet ({exc.__class__.__name__})."
            ) from None
        if not isinstance(self.manifest, dict) or self.manifest.get("kind") != KIND:
            raise PortabilityError(
                "Ce fichier n'est pas une archive de portail d'Avis de Quartiers."
            )
        if self.manifest.get("format") != FORMAT:
            raise PortabilityError(
                f"Cette archive est au format {self.manifest.get('format')!r} ; "
                f"cette installation lit le format {FORMAT}. Exportez de nouveau "
                "le portail avec la même version de l'application."
            )

    def verify(self) -> None:
        """Every member is there, whole, and nothing else is."""
        members = self.manifest.get("members") or {}
        for name, expected in members.items():
            member = self.names.get(name)
            if member is None:
                raise PortabilityError(
                    f"Il manque « {name} » dans l'archive : elle est incomplète."
                )
            try:
                handle = self.tar.extractfile(member)
                digest, size = digest_of(handle)
            except (OSError, EOFError, tarfile.TarError) as exc:
                raise PortabilityError(
                    f"L'archive est abîmée ou incomplète (« {name} » illisible : "
                    f"{exc.__class__.__name__})."
                ) from None
            if digest != expected.get("sha256") or size != expected.get("size"):
                raise PortabilityError(
                    f"« {name} » ne correspond pas à ce que l'archive annonce : "
                    "elle a été abîmée ou modifiée."
                )
        unexpected = set(self.names) - set(members) - {MANIFEST}
        if unexpected:
            raise PortabilityError(
                f"L'archive contient des fichiers qu'elle n'annonce pas : "
                f"{', '.join(sorted(unexpected)[:5])}."
            )

    def rows(self) -> dict:
        try:
            return json.loads(self.open(ROWS).read())
        except ValueError as exc:
            raise PortabilityError(f"Les données de l'archive sont illisibles ({exc}).")

    def open(self, name: str):
        member = self.names.get(name)
        if member is None:
            raise PortabilityError(f"Il manque « {name} » dans l'archive.")
        handle = self.tar.extractfile(member)
        if handle is None:
            raise PortabilityError(f"« {name} » n'est pas un fichier dans l'archive.")
        return handle

    def close(self) -> None:
        self.tar.close()
