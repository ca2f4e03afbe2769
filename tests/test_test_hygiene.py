"""The suite's own rules that keep a full run like a run of one file.

``from conftest import …`` inside a test function reads whichever
``conftest`` module pytest registered last under that name (the browser
tests' conftest, once they are collected), so such a test passes alone and
fails in the whole suite. At the top of the module it reads the root one.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _test_files():
    for folder in (ROOT / "quartiers", ROOT / "tests"):
        yield from folder.rglob("test_*.py")


def test_conftest_is_imported_only_at_the_top_of_a_module():
    found = []
    for path in _test_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and inner.module == "conftest"
                    and inner.level == 0  # ".conftest" is its package's own
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not found, "move these imports to the top of the module:\n" + "\n".join(
        found
    )


def test_the_check_reads_test_files():
    assert sum(1 for _ in _test_files()) > 100
