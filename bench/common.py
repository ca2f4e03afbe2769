"""Shared start-up of the benchmark scripts."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "bench" / "bench.sqlite3"


def add_database_argument(parser) -> None:
    parser.add_argument(
        "--database-url",
        default="",
        help=f"sqlite:///path or postgres://… (default: sqlite:///{DEFAULT_SQLITE})",
    )


def setup(database_url: str) -> str:
    """Point Django at the benchmark database and start it; returns the URL."""
    url = database_url or f"sqlite:///{DEFAULT_SQLITE}"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    return url


class Clock:
    def __init__(self):
        self.start = time.perf_counter()

    def lap(self, label: str) -> float:
        now = time.perf_counter()
        elapsed = now - self.start
        print(f"  {label}: {elapsed:.1f} s", flush=True)
        self.start = now
        return elapsed
