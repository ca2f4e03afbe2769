"""Measure search latency and page throughput on the benchmark database.

    .venv/bin/python bench/measure.py [--database-url …] [--portals-sample 10]

Search: p50/p95 over a fixed mix of rare, common, prefix and two-word
queries, in a sample of portals and network-wide; measured three times:
finding and ranking (``selectors.rank``: the full-text query, each kind's
visibility check, counts, order), the same plus loading and highlighting the
page of results (``selectors.search``), and the whole page through Django's
test client (routing, middleware, template). Throughput: requests
per second, one process, of a portal home, an article, the portal's feed
and a widget (skipped with a note when the route is not installed).
Latencies are given in wall-clock time and in the process's CPU time (the
better estimate of an idle server when the machine is shared; on SQLite the
database works inside the process, on PostgreSQL it does not).
"""

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

QUERIES = {
    "rare": ["calligraphie", "apiculture", "origami", "capoeira"],
    "common": ["quartier", "habitants", "fête", "école"],
    "prefix": ["jard*", "bibli*", "assoc*", "vacci*"],
    "two words": ["fête voisins", "aide devoirs", "repas partagé", "cours français"],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_database_argument(parser)
    parser.add_argument("--portals-sample", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="per throughput measure"
    )
    return parser.parse_args()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def timed(fn) -> tuple[float, float]:
    """(wall-clock ms, process CPU ms) of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def throughput(client, path: str, seconds: float) -> tuple[float, int]:
    status = client.get(path).status_code
    if status != 200:
        return 0.0, status
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        client.get(path)
        count += 1
    return count / (time.perf_counter() - start), status


def main() -> None:
    args = parse_args()
    url = common.setup(args.database_url)
    warnings.filterwarnings("ignore", message="No directory at")

    from django.core.management import call_command

    # Apps added since the data was generated get their (empty) tables.
    call_command("migrate", verbosity=0)
    from django.db import connection
    from django.test import Client
    from wagtail.search.models import IndexEntry

    from quartiers.portals.features import registry
    from quartiers.portals.models import Portal
    from quartiers.search import selectors
    from quartiers.search.query import parse

    portals = list(Portal.objects.order_by("pk"))
    if not portals:
        sys.exit("No portal: run bench/generate.py first.")
    step = max(1, len(portals) // args.portals_sample)
    sample = portals[::step][: args.portals_sample]
    client = Client()
    items = sum(kind.published(None).count() for kind in registry.content_kinds())
    print(f"Database: {url} ({connection.vendor})")
    print(
        f"{len(portals)} portals, {items} public items, "
        f"{IndexEntry.objects.count()} index entries; "
        f"sample of {len(sample)} portals, {args.repeat} rounds\n"
    )

    def run(portal, q):
        path = f"/{portal.slug}/recherche/" if portal else "/recherche/"
        parsed = parse(q)
        found = timed(lambda: selectors.rank(portal=portal, query=parsed))
        search = timed(lambda: selectors.search(portal=portal, raw_query=q))
        page = timed(lambda: client.get(path, {"q": q}))
        return found, search, page

    scopes = {"portal": sample, "network": [None] * len(sample)}
    for scope_list in scopes.values():  # warm caches and connections
        for queries in QUERIES.values():
            for q in queries:
                run(scope_list[0], q)

    rows = []
    for scope_name, scope_list in scopes.items():
        for label, queries in QUERIES.items():
            times = ([], [], [])
            for _round in range(args.repeat):
                for scope in scope_list:
                    for q in queries:
                        for column, value in zip(times, run(scope, q), strict=True):
                            column.append(value)
            rows.append((scope_name, label, times))

    def cells(values) -> str:
        wall = [value[0] for value in values]
        cpu = [value[1] for value in values]
        return (
            f"{statistics.median(wall):>7.1f}{percentile(wall, 0.95):>7.1f}"
            f"{percentile(cpu, 0.95):>8.1f}"
        )

    print(" " * 25 + f"{'find+rank':^22}{'+ load page':^22}{'HTTP page':^22}   (ms)")
    print(
        f"{'scope':<9}{'queries':<11}{'n':>5}" + f"{'p50':>7}{'p95':>7}{'cpu95':>8}" * 3
    )
    totals = ([], [], [])
    for scope_name, label, times in rows:
        for total, column in zip(totals, times, strict=True):
            total += column
        print(
            f"{scope_name:<9}{label:<11}{len(times[0]):>5}"
            + "".join(cells(column) for column in times)
        )
    print(
        f"{'all':<9}{'':<11}{len(totals[0]):>5}"
        + "".join(cells(column) for column in totals)
        + "\n"
    )

    portal = sample[0]
    article_kind = registry.content_kind("article")
    article = article_kind.published(portal).first() if article_kind else None
    pages = [
        ("portal home", f"/{portal.slug}/"),
        ("article", article_kind.to_item(article).url if article else ""),
        ("feed", f"/{portal.slug}/rss.xml"),
        ("widget", f"/{portal.slug}/widgets/articles/"),
    ]
    print(f"{'page':<13}{'requests/s':>11}  path")
    for label, path in pages:
        if not path:
            print(f"{label:<13}{'skipped':>11}  (no article)")
            continue
        rate, status = throughput(client, path, args.seconds)
        if status != 200:
            print(
                f"{label:<13}{'skipped':>11}  {path} answers {status} (not installed?)"
            )
        else:
            print(f"{label:<13}{rate:>11.1f}  {path}")


if __name__ == "__main__":
    main()
