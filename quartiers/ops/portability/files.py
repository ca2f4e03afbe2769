"""The files of an archive, written through the storage before the rows
that name them. Part of ``importer.Importer``."""

import secrets

from django.core.files.storage import default_storage

from .archive import FILES, PortabilityError, Reader


class Files:
    """Writes ``files/`` members; remembers what it wrote to undo it."""

    reader: Reader
    members: set[str]
    moved: dict[str, str]
    written: list[str]

    def write_files(self) -> None:
        """Files first (an image row reads its file when it is built); a
        folder that already holds one of them here gets another name."""
        self.members = {
            n[len(FILES) :] for n in self.reader.names if n.startswith(FILES)
        }
        folders = sorted({n.rsplit("/", 1)[0] for n in self.members if "/" in n})
        token = secrets.token_hex(3)
        for folder in folders:
            inside = [n for n in self.members if n.rsplit("/", 1)[0] == folder]
            if any(default_storage.exists(n) for n in inside):
                self.moved[folder] = f"{folder}-{token}"
        for name in sorted(self.members):
            target = self.new_name(name)
            with self.reader.open(FILES + name) as handle:
                saved = default_storage.save(target, handle)
            self.written.append(saved)
            if saved != target:
                self.moved[name] = saved

    def new_name(self, name: str) -> str:
        if name in self.moved:
            return self.moved[name]
        folder, _, base = name.rpartition("/")
        return f"{self.moved[folder]}/{base}" if folder in self.moved else name

    def file_name(self, name: str, *, folder: bool = False) -> str:
        if not folder and name not in self.members:
            raise PortabilityError(
                f"Le fichier « {name} » manque dans l'archive : elle est "
                "incomplète. Exportez de nouveau le portail."
            )
        return self.new_name(name)

    def remove_written_files(self) -> None:
        for name in self.written:
            try:
                default_storage.delete(name)
            except OSError:
                pass
