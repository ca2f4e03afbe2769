"""Per-page cost on the benchmark database: SQL queries and p50/p95.

    .venv/bin/python bench/scale.py [--database-url …] [--portals-sample 3]
        [--repeat 15] [--json var/bench/scale.json]

For a fixed list of pages (the hub, a sample of portals' public pages, the
API, feeds, sitemaps, and the admin of an animator and of the coordinator),
drawn through Django's test client with the page cache off
(``bench/settings.py``): the number of SQL queries of one request, and the
wall-clock p50/p95 (and the process CPU time at p95) over ``--repeat``
requests in each sampled portal. Run it on two sizes of database (e.g. 150
and 1,500 portals): a page whose queries or time grow with the size is an
N+1 or an unbounded list. For each page the most repeated statement (numbers
and strings blanked) is kept in the JSON output, to name the culprit.

The portals must be open with an animator (``generate.py`` does it; for a
database generated before, ``generate.py --open-only``).
"""

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

SEARCH_WORD = "quartier"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_database_argument(parser)
    parser.add_argument("--portals-sample", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--budget",
        type=float,
        default=0,
        help="stop repeating a page in a portal after this many seconds (at "
        "least 3 requests); 0: no limit",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated page labels to measure"
    )
    parser.add_argument("--skip", default="", help="comma-separated page labels")
    parser.add_argument("--json", default="", help="where to write the figures")
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("SMALL_JSON", "LARGE_JSON"),
        help="print two runs side by side (a Markdown table) and stop",
    )
    return parser.parse_args()


def compare(small_path: str, large_path: str) -> None:
    runs = [json.loads(Path(path).read_text()) for path in (small_path, large_path)]
    small, large = ({p["page"]: p for p in run["pages"]} for run in runs)
    sizes = [f"{run['portals']} p." for run in runs]
    print(
        f"| page | queries {sizes[0]} | queries {sizes[1]} "
        f"| p50 / p95 ms {sizes[0]} | p50 / p95 ms {sizes[1]} "
        f"| cpu p95 ms {sizes[0]} | cpu p95 ms {sizes[1]} |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")

    def queries(row):
        low, high = row["queries_min"], row["queries_max"]
        return f"{low}" if low == high else f"{low}–{high}"

    for label, a in small.items():
        b = large.get(label)
        if b is None or "p50_ms" not in a or "p50_ms" not in b:
            continue
        print(
            f"| {label} | {queries(a)} | {queries(b)} "
            f"| {a['p50_ms']:.0f} / {a['p95_ms']:.0f} "
            f"| {b['p50_ms']:.0f} / {b['p95_ms']:.0f} "
            f"| {a['cpu_p95_ms']:.0f} | {b['cpu_p95_ms']:.0f} |"
        )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
_LISTS = re.compile(r"\((?:\s*\?\s*,)+\s*\?\s*\)")


def shape(sql: str) -> str:
    """The statement with its values blanked: repeated shapes are N+1s."""
    return _LISTS.sub("(?…)", _LITERALS.sub("?", sql))


def pages_of(portal, article, blog_slug) -> list[tuple[str, str, str]]:
    """(label, who, path) of one portal's pages; who: anon, animator, coord."""
    p = f"/{portal.slug}/"
    return [
        ("portal home", "anon", p),
        ("article", "anon", article.url if article else ""),
        ("journal list", "anon", f"{p}journal/"),
        ("agenda list", "anon", f"{p}agenda/"),
        ("ads list", "anon", f"{p}annonces/"),
        ("directory", "anon", f"{p}acteurs/"),
        ("directory map", "anon", f"{p}acteurs/carte/"),
        ("blogs index", "anon", f"{p}blogs/"),
        ("a blog", "anon", f"{p}blogs/{blog_slug}/" if blog_slug else ""),
        ("search portal", "anon", f"{p}recherche/?q={SEARCH_WORD}"),
        ("portal feed", "anon", f"{p}rss.xml"),
        ("widget", "anon", f"{p}widgets/articles/"),
        ("portal sitemap", "anon", f"{p}sitemap.xml"),
        ("api articles", "anon", f"/api/v1/articles?portal={portal.slug}"),
        ("api events", "anon", f"/api/v1/events?portal={portal.slug}"),
        ("admin dashboard", "animator", "/admin/"),
        (
            "share form",
            "animator",
            f"/admin/partages/page/{article.id}/" if article else "",
        ),
        (
            "share form search",
            "animator",
            f"/admin/partages/page/{article.id}/?q=Quartier" if article else "",
        ),
        ("shares index", "animator", "/admin/partages/"),
        ("moderation (anim.)", "animator", "/admin/moderation/"),
        ("stats (animator)", "animator", "/admin/tableau-de-bord/"),
    ]


NETWORK_PAGES = [
    ("hub", "anon", "/"),
    ("hub page 2", "anon", "/?page=2"),
    ("network feed", "anon", "/rss.xml"),
    ("network sitemap", "anon", "/sitemap.xml"),
    ("hub sitemap", "anon", "/sitemap-reseau.xml"),
    ("search network", "anon", f"/recherche/?q={SEARCH_WORD}"),
    ("api portals", "anon", "/api/v1/portals"),
    ("signup form", "anon", "/compte/signup/"),
    ("admin (coordinator)", "coord", "/admin/"),
    ("portals admin list", "coord", "/admin/quartiers/"),
    ("explorer: hub", "coord", "/admin/pages/{hub_id}/"),
    ("moderation (coord.)", "coord", "/admin/moderation/"),
    ("stats comparison", "coord", "/admin/tableau-de-bord/"),
]


def main() -> None:
    args = parse_args()
    if args.compare:
        compare(*args.compare)
        return
    url = common.setup(args.database_url)
    warnings.filterwarnings("ignore", message="No directory at")

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.generate import ANIMATOR_EMAIL, COORDINATOR_EMAIL
    from quartiers.blogs.models import BlogPage
    from quartiers.portals.features import registry
    from quartiers.portals.models import HubPage, Portal
    from quartiers.portals.selectors import listed_portals

    call_command("migrate", verbosity=0)
    User = get_user_model()
    portals = list(Portal.objects.order_by("pk"))
    if not portals:
        sys.exit("No portal: run bench/generate.py first.")
    listed = listed_portals().count()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if coordinator is None or listed == 0:
        sys.exit("Portals not opened: run bench/generate.py --open-only first.")
    step = max(1, len(portals) // args.portals_sample)
    sample = portals[::step][: args.portals_sample]
    article_kind = registry.content_kind("article")
    items = sum(kind.published(None).count() for kind in registry.content_kinds())
    print(f"Database: {url} ({connection.vendor})")
    print(
        f"{len(portals)} portals ({listed} listed on the hub), {items} public "
        f"items; sample of {len(sample)} portals, {args.repeat} requests each\n",
        flush=True,
    )

    clients = {"anon": Client(), "coord": Client()}
    clients["coord"].force_login(coordinator)
    plan: list[tuple[str, Client, str]] = []
    hub_id = HubPage.objects.values_list("pk", flat=True).first()
    for label, who, path in NETWORK_PAGES:
        plan += [(label, clients[who], path.format(hub_id=hub_id))] * len(sample)
    for portal in sample:
        animator_client = Client()
        animator_client.force_login(
            User.objects.get(email=ANIMATOR_EMAIL.format(slug=portal.slug))
        )
        row = article_kind.published(portal).first()
        article = article_kind.to_item(row) if row is not None else None
        blog = BlogPage.objects.filter(portal=portal).order_by("pk").first()
        for label, who, path in pages_of(portal, article, blog and blog.slug):
            client = animator_client if who == "animator" else clients[who]
            plan.append((label, client, path))
    only = {label.strip() for label in args.only.split(",") if label.strip()}
    skip = {label.strip() for label in args.skip.split(",") if label.strip()}

    results: dict[str, dict] = {}
    for label, client, path in plan:
        if (only and label not in only) or label in skip:
            continue
        entry = results.setdefault(
            label,
            {"paths": [], "queries": [], "wall": [], "cpu": [], "notes": []},
        )
        if not path:
            entry["notes"].append("no such page in this portal")
            continue
        entry["paths"].append(path)
        status = client.get(path).status_code  # warm: templates, caches
        if status != 200:
            entry["notes"].append(f"{path} answers {status}")
            continue
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        shapes = Counter(shape(q["sql"]) for q in captured.captured_queries)
        top, top_count = shapes.most_common(1)[0] if shapes else ("", 0)
        count = len(captured.captured_queries)
        entry["queries"].append(count)
        if top_count > entry.get("top_count", 0):
            entry["top_count"], entry["top_sql"] = top_count, top[:600]
        began = time.perf_counter()
        done = 0
        for done in range(1, args.repeat + 1):
            start, cpu = time.perf_counter(), time.process_time()
            client.get(path)
            entry["wall"].append((time.perf_counter() - start) * 1000)
            entry["cpu"].append((time.process_time() - cpu) * 1000)
            if args.budget and done >= 3 and time.perf_counter() - began > args.budget:
                break
        print(
            f"  {label:<22}{count:>5} queries  "
            f"{statistics.median(entry['wall'][-done:]):>7.1f} ms  {path}",
            flush=True,
        )

    print(
        f"\n{'page':<22}{'queries':>9}{'p50':>8}{'p95':>8}{'cpu95':>8}"
        f"{'repeat':>8}   (ms; queries: min–max over the sample)"
    )
    table = []
    for label, entry in results.items():
        if not entry["wall"]:
            print(f"{label:<22}{'skipped':>9}   {'; '.join(entry['notes'])}")
            table.append({"page": label, "skipped": entry["notes"]})
            continue
        low, high = min(entry["queries"]), max(entry["queries"])
        queries = f"{low}" if low == high else f"{low}–{high}"
        figures = {
            "page": label,
            "paths": entry["paths"],
            "queries_min": low,
            "queries_max": high,
            "p50_ms": round(statistics.median(entry["wall"]), 1),
            "p95_ms": round(percentile(entry["wall"], 0.95), 1),
            "cpu_p95_ms": round(percentile(entry["cpu"], 0.95), 1),
            "requests": len(entry["wall"]),
            "most_repeated_statement": entry.get("top_sql", ""),
            "most_repeated_count": entry.get("top_count", 0),
            "notes": entry["notes"],
        }
        table.append(figures)
        print(
            f"{label:<22}{queries:>9}{figures['p50_ms']:>8.1f}"
            f"{figures['p95_ms']:>8.1f}{figures['cpu_p95_ms']:>8.1f}"
            f"{figures['requests']:>8}"
            + (f"   {'; '.join(entry['notes'])}" if entry["notes"] else "")
        )
    out = (
        Path(args.json) if args.json else (common.DEFAULT_SQLITE.parent / "scale.json")
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "portals": len(portals),
                "listed_portals": listed,
                "public_items": items,
                "sample": [p.slug for p in sample],
                "repeat": args.repeat,
                "pages": table,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"\nFigures written to {out}")


if __name__ == "__main__":
    main()
