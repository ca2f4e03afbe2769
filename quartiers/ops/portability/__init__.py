"""A portal that moves out to another install: ``export_portal`` and
``import_portal`` (docs/operations.md, « Un portail déménage »).

``graph`` finds what a portal owns from the model graph; ``export`` writes it
to an ``archive``; ``importer`` re-keys it into this install (``rekey`` for
the ids inside rich text and revisions). Dependencies run one way:
archive, graph <- rekey, export, importer.
"""

from .archive import PortabilityError
from .export import export_portal
from .importer import import_portal

__all__ = ["PortabilityError", "export_portal", "import_portal"]
