"""Where a conversion's files go: a work folder next to the asset's files,
and the moves onto the final names (local or remote storage)."""

import os
import shutil
import tempfile
from pathlib import Path

from django.core.files import File

from . import media
from .models import MediaAsset, _media_path


class Workspace:
    """A work folder next to the asset's files, and the moves out of it.

    With local storage the finished files are renamed into place (atomic on
    one file system); with remote storage they are uploaded over the old
    ones. Work folders left by a killed run are removed first.
    """

    def __init__(self, asset: MediaAsset):
        self.asset = asset
        self.storage = asset.original.storage
        self.base = _media_path(asset, "").rstrip("/")
        try:
            self.final_dir = Path(self.storage.path(self.base))
        except NotImplementedError:
            self.final_dir = None
        if self.final_dir is not None:
            self.final_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.final_dir.glob(".work-*"):
                shutil.rmtree(stale, ignore_errors=True)
            self.dir = Path(tempfile.mkdtemp(prefix=".work-", dir=self.final_dir))
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="quartiers-media-"))

    def source(self) -> Path:
        try:
            return Path(self.storage.path(self.asset.original.name))
        except NotImplementedError:
            target = self.dir / (
                "source." + media.extension_of(self.asset.original.name)
            )
            with self.storage.open(self.asset.original.name, "rb") as remote:
                with open(target, "wb") as local:
                    shutil.copyfileobj(remote, local, 1024 * 1024)
            return target

    def publish(self, made: Path, name: str) -> str:
        """Move a finished file or folder onto its final name; return that name."""
        final_name = f"{self.base}/{name}"
        if self.final_dir is not None:
            target = self.final_dir / name
            if made.is_dir():
                old = self.dir / f"{name}.old"
                if target.exists():
                    os.replace(target, old)
                os.replace(made, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(made, target)
            return final_name
        files = [p for p in made.rglob("*") if p.is_file()] if made.is_dir() else [made]
        for path in files:
            relative = path.relative_to(made).as_posix() if made.is_dir() else ""
            remote = f"{final_name}/{relative}" if relative else final_name
            self.storage.delete(remote)
            with open(path, "rb") as handle:
                self.storage.save(remote, File(handle))
        return final_name

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def asset_files_dir(asset: MediaAsset) -> str:
    return _media_path(asset, "").rstrip("/")
