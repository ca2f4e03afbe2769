"""The direction of dependencies, checked on every run (docs/architecture.md).

Foundation (core, portals, accounts, uploads) <- content apps <- surfaces
(outreach, api, search, network, stats). A module may import from its own
app, from a lower layer, and (content apps only) from another content app as
long as that app does not import it back. The foundation apps form one
block: accounts and portals may import each other (memberships tie them). Page models never import views.

Every import is read, those inside functions too: hiding an import in a
function does not change which way the dependency runs.

KNOWN_DEBT lists the imports that broke the rule when it was written down.
The list may only shrink: a new wrong-way import fails, and so does an entry
that no longer exists (delete it from the list when you fix it).
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "quartiers"

LAYERS = {
    "config": 9,  # wires everything; may import anything
    "ops": 9,  # operations (workers, backups, portal moves): wires everything too
    "core": 0,
    "portals": 1,
    "accounts": 1,
    "uploads": 1,
    "newsroom": 2,
    "blogs": 2,
    "comments": 2,
    "moderation": 2,
    "classifieds": 2,
    "agenda": 2,
    "directory": 2,
    "radio": 2,
    "tv": 2,
    "toolkit": 2,
    "outreach": 3,
    "api": 3,
    "search": 3,
    "network": 3,
    "stats": 3,
    "lettre": 3,  # reads content through the registry; RSVPs name agenda events
    "federation": 3,
}

# (importing module, imported module) pairs: see the module docstring.
KNOWN_DEBT: set[tuple[str, str]] = {
    ("quartiers.agenda.feeds", "quartiers.outreach"),
    ("quartiers.agenda.feeds", "quartiers.outreach.feeds"),
    ("quartiers.agenda.models", "quartiers.agenda.views"),
    ("quartiers.agenda.selectors", "quartiers.network"),
    ("quartiers.agenda.selectors", "quartiers.network.selectors"),
    ("quartiers.agenda.views", "quartiers.network"),
    ("quartiers.agenda.views", "quartiers.network.selectors"),
    ("quartiers.blogs.feeds", "quartiers.outreach"),
    ("quartiers.blogs.feeds", "quartiers.outreach.feeds"),
    ("quartiers.classifieds.feeds", "quartiers.outreach"),
    ("quartiers.classifieds.feeds", "quartiers.outreach.feeds"),
    ("quartiers.classifieds.models", "quartiers.classifieds.views"),
    ("quartiers.comments.demo", "quartiers.moderation"),
    ("quartiers.comments.demo", "quartiers.moderation.models"),
    ("quartiers.comments.demo", "quartiers.moderation.selectors"),
    ("quartiers.comments.demo", "quartiers.moderation.services"),
    ("quartiers.directory.feeds", "quartiers.outreach"),
    ("quartiers.directory.feeds", "quartiers.outreach.feeds"),
    ("quartiers.moderation.selectors", "quartiers.comments.models"),
    ("quartiers.moderation.services", "quartiers.comments"),
    ("quartiers.moderation.services", "quartiers.comments.models"),
    ("quartiers.moderation.services", "quartiers.comments.services"),
    ("quartiers.moderation.views", "quartiers.comments.views"),
    ("quartiers.newsroom.feeds", "quartiers.outreach"),
    ("quartiers.newsroom.feeds", "quartiers.outreach.feeds"),
    ("quartiers.newsroom.selectors", "quartiers.network"),
    ("quartiers.newsroom.selectors", "quartiers.network.selectors"),
    ("quartiers.portals.models", "quartiers.network"),
    ("quartiers.portals.models", "quartiers.network.selectors"),
    ("quartiers.radio.feeds", "quartiers.outreach.links"),
    ("quartiers.radio.models.pages", "quartiers.radio.views"),
    ("quartiers.radio.views", "quartiers.network"),
    ("quartiers.radio.views", "quartiers.network.selectors"),
    ("quartiers.tv.models", "quartiers.network"),
    ("quartiers.tv.models", "quartiers.network.selectors"),
}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT.parent)
        parts = relative.with_suffix("").parts
        if "tests" in parts or "migrations" in parts or len(parts) < 3:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, parts[1], path


def _imports(name: str, path: Path):
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = (
                    package.rsplit(".", node.level - 1)[0]
                    if node.level > 1
                    else package
                )
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield target
            # "from quartiers.x import views" imports the module x.views
            for alias in node.names:
                yield f"{target}.{alias.name}"


def _edges():
    edges = set()
    for name, app, path in _modules():
        for target in _imports(name, path):
            parts = target.split(".")
            if parts[0] != "quartiers" or len(parts) < 2 or parts[1] == app:
                continue
            if parts[1] in LAYERS:
                edges.add((name, app, ".".join(parts[:3]), parts[1]))
    return edges


def _violations():
    edges = _edges()
    app_edges = defaultdict(set)
    for _, app, _, other in edges:
        app_edges[app].add(other)
    found = set()
    for module, app, target, other in edges:
        mine, theirs = LAYERS.get(app, 9), LAYERS[other]
        if mine == 9:
            continue
        upward = theirs > mine
        # Foundation apps are one block (memberships tie accounts and portals).
        mutual = mine == theirs == 2 and app in app_edges[other]
        sideways_surface = mine == theirs == 3
        if upward or mutual or sideways_surface:
            found.add((module, target))
    return found


def _page_models_importing_views():
    found = set()
    for name, _app, path in _modules():
        if not (name.endswith(".models") or ".models." in name):
            continue
        for target in _imports(name, path):
            if not target.startswith("quartiers."):
                continue
            if target.endswith((".views", ".admin_views")) or ".views." in target:
                found.add((name, target))
    return found


def test_dependencies_flow_one_way():
    new = (_violations() | _page_models_importing_views()) - KNOWN_DEBT
    assert not new, "imports against the layers (docs/architecture.md):\n" + "\n".join(
        f"  {module} -> {target}" for module, target in sorted(new)
    )


def test_the_list_of_known_debt_only_shrinks():
    gone = KNOWN_DEBT - (_violations() | _page_models_importing_views())
    assert not gone, "fixed, remove from KNOWN_DEBT:\n" + "\n".join(
        f"  {module} -> {target}" for module, target in sorted(gone)
    )


def test_every_app_has_a_layer():
    apps = {path.name for path in ROOT.iterdir() if (path / "apps.py").exists()}
    assert apps - {"config"} <= set(LAYERS), apps - set(LAYERS)
