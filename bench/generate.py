"""Fill a separate benchmark database with portals and French content.

    .venv/bin/python bench/generate.py                    # 150 portals, 100,000 items
    .venv/bin/python bench/generate.py --large            # 1,500 portals, 1,000,000 items
    .venv/bin/python bench/generate.py --database-url postgres://user@host/bench_db

Portals are created by the real service (home page, sections, rights...).
Content is inserted in bulk (one portal at a time, a few statements per
kind); pages get their tree paths computed directly instead of going through
``add_child`` one page at a time. Every portal is then opened as the hub
lists it: one animator each, open to residents, a position on the map (one
coordinator logs in to the admin). Nothing is indexed on the way: at the end,
``manage.py update_index`` builds the search index through the project's
search backend, exactly as an operator would (``--skip-index`` leaves it out).
"""

import argparse
import functools
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

# Share of each kind among the items (episodes and videos are not generated:
# their pages need media files; see README).
MIX = {
    "article": 0.30,
    "blogpost": 0.15,
    "ad": 0.20,
    "event": 0.15,
    "actor": 0.15,
    "practical": 0.05,
}
BLOGS_PER_PORTAL = 3
BATCH = 500


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portals", type=int, default=150)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument(
        "--large", action="store_true", help="1,500 portals and 1,000,000 items"
    )
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start from an empty database (deletes the SQLite file, or flushes)",
    )
    parser.add_argument(
        "--skip-index",
        action="store_true",
        help="do not run update_index (search then finds nothing)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted generation (missing portals, unfilled ones)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="processes filling portals in parallel (PostgreSQL only)",
    )
    parser.add_argument(
        "--fill-only",
        action="store_true",
        help="beside a run creating portals: fill them as they appear",
    )
    parser.add_argument(
        "--open-only",
        action="store_true",
        help="only open the portals of an existing database (animator, position)",
    )
    common.add_database_argument(parser)
    args = parser.parse_args()
    if args.large:
        args.portals, args.items = 1500, 1_000_000
    return args


def reset(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def bulk_pages(parent, model, rows: list[dict], now) -> list[int]:
    """Insert live child pages of ``parent`` (``rows``: title, slug, the
    page's own fields, and optionally ``published``); returns their ids."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import F
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    parent.refresh_from_db()
    depth = parent.depth + 1
    first = parent.numchild + 1
    own_fields = model._meta.local_concrete_fields
    ids = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        pages = []
        for offset, row in enumerate(chunk):
            when = row.pop("published", now)
            pages.append(
                Page(
                    title=row["title"],
                    draft_title=row["title"],
                    slug=row["slug"],
                    content_type=content_type,
                    path=Page._get_path(parent.path, depth, first + start + offset),
                    depth=depth,
                    numchild=0,
                    url_path=f"{parent.url_path}{row['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=when,
                    last_published_at=when,
                    locale_id=parent.locale_id,
                )
            )
        Page.objects.bulk_create(pages)
        children = []
        for page, row in zip(pages, chunk, strict=True):
            fields = {k: v for k, v in row.items() if k not in ("title", "slug")}
            children.append(model(page_ptr_id=page.pk, **fields))
        model._base_manager._insert(children, fields=own_fields, using=connection.alias)
        ids += [page.pk for page in pages]
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
    return ids


def paragraphs(text, count) -> str:
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{text.paragraph(4)}</p>"}
            for _ in range(count)
        ]
    )


def fill_portal(portal, counts: dict, text, rng, now) -> None:
    from django.utils.text import slugify

    from quartiers.agenda.models import Event
    from quartiers.blogs.models import BlogIndexPage, BlogPage, BlogPostPage
    from quartiers.classifieds.models import Ad
    from quartiers.directory.models import (
        LocalActor,
        PracticalInfoIndexPage,
        PracticalInfoPage,
    )
    from quartiers.newsroom.models import ArticlePage, JournalIndexPage

    home = portal.home_page

    def days_ago(limit):
        return now - timedelta(minutes=rng.randrange(limit * 24 * 60))

    journal = JournalIndexPage.objects.child_of(home).get()
    bulk_pages(
        journal,
        ArticlePage,
        [
            {
                "title": (title := text.title()),
                "slug": f"{slugify(title)[:60]}-{n}",
                "chapo": text.sentence(),
                "body": paragraphs(text, 3),
                "published": days_ago(730),
            }
            for n in range(counts["article"])
        ],
        now,
    )

    blog_index = BlogIndexPage.objects.child_of(home).get()
    blog_ids = bulk_pages(
        blog_index,
        BlogPage,
        [
            {
                "title": f"Le carnet {n + 1}",
                "slug": f"carnet-{n + 1}",
                "portal_id": portal.pk,
                "presentation": text.sentence(),
            }
            for n in range(BLOGS_PER_PORTAL)
        ],
        now,
    )
    posts = split(counts["blogpost"], BLOGS_PER_PORTAL)
    for blog_id, count in zip(blog_ids, posts, strict=True):
        blog = BlogPage.objects.get(pk=blog_id)
        bulk_pages(
            blog,
            BlogPostPage,
            [
                {
                    "title": (title := text.title()),
                    "slug": f"{slugify(title)[:60]}-{n}",
                    "body": f"<p>{text.paragraph(5)}</p>",
                    "date": (when := days_ago(730)).date(),
                    "published": when,
                }
                for n in range(count)
            ],
            now,
        )

    practical_index = PracticalInfoIndexPage.objects.child_of(home).get()
    bulk_pages(
        practical_index,
        PracticalInfoPage,
        [
            {
                "title": (title := text.title()),
                "slug": f"{slugify(title)[:60]}-{n}",
                "intro": text.sentence(),
                "body": paragraphs(text, 2),
                "published": days_ago(730),
            }
            for n in range(counts["practical"])
        ],
        now,
    )

    ads = []
    for _ in range(counts["ad"]):
        published = days_ago(25)
        ads.append(
            Ad(
                portal=portal,
                author_name="Voisin",
                kind=rng.choice(Ad.KIND_CHOICES)[0],
                category=rng.choice(Ad.CATEGORY_CHOICES)[0],
                title=text.ad_title()[:120],
                text=text.paragraph(3)[:3000],
                place="Près du marché",
                status=Ad.PUBLISHED,
                published_at=published,
                expires_at=published + timedelta(days=30),
            )
        )
    Ad.objects.bulk_create(ads, batch_size=BATCH)

    events = []
    for n in range(counts["event"]):
        title = text.title()
        events.append(
            Event(
                portal=portal,
                title=title[:200],
                slug=f"{slugify(title)[:70]}-{n}",
                description=text.paragraph(3)[:5000],
                start=now + timedelta(minutes=rng.randrange(120 * 24 * 60)),
                status=Event.PUBLISHED,
            )
        )
    Event.objects.bulk_create(events, batch_size=BATCH)

    actors = []
    for n in range(counts["actor"]):
        name = text.actor_name(n)
        actors.append(
            LocalActor(
                portal=portal,
                name=name[:150],
                slug=f"{slugify(name)[:140]}-{n}",
                kind=rng.choice(LocalActor.KIND_CHOICES)[0],
                description=text.paragraph(2)[:5000],
                town=portal.town,
                status=LocalActor.PUBLISHED,
            )
        )
    LocalActor.objects.bulk_create(actors, batch_size=BATCH)


ANIMATOR_EMAIL = "animation.{slug}@bench.invalid"
COORDINATOR_EMAIL = "coordination@bench.invalid"


def open_portals(rng) -> int:
    """Open every portal as the hub lists it: an active animator (member,
    in the portal's admin group, staff), ``is_open``, a position in mainland
    France. One coordinator (superuser) too. Bulk statements; portals that
    already have an animator are left alone. Returns how many were opened."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from quartiers.accounts.models import Membership
    from quartiers.portals.models import Portal

    User = get_user_model()
    password = make_password("bench-only-not-secret")
    with transaction.atomic():
        if not User.objects.filter(email=COORDINATOR_EMAIL).exists():
            User.objects.create_superuser(
                COORDINATOR_EMAIL, "bench-only-not-secret", display_name="Coordination"
            )
        portals = list(
            Portal.objects.exclude(memberships__role=Membership.ANIMATOR).order_by("pk")
        )
        for start in range(0, len(portals), BATCH):
            chunk = portals[start : start + BATCH]
            users = User.objects.bulk_create(
                [
                    User(
                        email=ANIMATOR_EMAIL.format(slug=portal.slug),
                        display_name=f"Animation {portal.name}"[:60],
                        password=password,
                        is_staff=True,
                    )
                    for portal in chunk
                ]
            )
            Membership.objects.bulk_create(
                [
                    Membership(user=user, portal=portal, role=Membership.ANIMATOR)
                    for user, portal in zip(users, chunk, strict=True)
                ]
            )
            User.groups.through.objects.bulk_create(
                [
                    User.groups.through(
                        user_id=user.pk, group_id=portal.animator_group_id
                    )
                    for user, portal in zip(users, chunk, strict=True)
                    if portal.animator_group_id
                ]
            )
            for portal in chunk:
                portal.is_open = True
                portal.latitude = Decimal(f"{rng.uniform(43.3, 50.6):.5f}")
                portal.longitude = Decimal(f"{rng.uniform(-1.2, 7.5):.5f}")
            Portal.objects.bulk_update(chunk, ["is_open", "latitude", "longitude"])
    return len(portals)


def portal_number(portal) -> int:
    return int(portal.slug.rsplit("-", 1)[1]) - 1


def fill_one(job) -> None:
    """Fill one portal, in its own transaction, with its own seeded text (the
    same content whatever the order or the number of jobs)."""
    from django.db import transaction
    from django.utils import timezone

    from bench.textgen import French
    from quartiers.directory.models import LocalActor
    from quartiers.portals.models import Portal

    portal_id, counts, seed, now = job
    with transaction.atomic():
        # Locked and checked again: two runs (--fill-only beside the one
        # creating portals) never fill the same portal twice.
        portal = Portal.objects.select_for_update().get(pk=portal_id)
        if LocalActor.objects.filter(portal=portal).exists():
            return
        number = portal_number(portal)
        fill_portal(
            portal,
            counts,
            French(seed * 7919 + number),
            random.Random(seed + number),
            now or timezone.now(),
        )


def _worker_start() -> None:
    from django.db import connections

    # Each forked worker opens its own connection.
    for connection in connections.all(initialized_only=True):
        connection.close()


def fill_jobs(args, now) -> list:
    """The portals still to fill (created, no content yet)."""
    from quartiers.directory.models import LocalActor
    from quartiers.portals.models import Portal

    portals = [
        portal
        for portal in Portal.objects.order_by("pk")
        if portal.slug.startswith("quartier-")
    ]
    per_portal = split(args.items, args.portals)
    filled = set(LocalActor.objects.values_list("portal_id", flat=True).distinct())
    jobs = []
    for portal in portals:
        number = portal_number(portal)
        if portal.pk in filled or number >= args.portals:
            continue
        items = per_portal[number]
        counts = {kind: round(items * share) for kind, share in MIX.items()}
        counts["article"] += items - sum(counts.values())
        jobs.append((portal.pk, counts, args.seed, now))
    return jobs


def run_fill(jobs, processes: int, url: str) -> None:
    from django.db import connections

    if processes > 1 and not url.startswith("sqlite:///"):
        import multiprocessing

        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_worker_start) as pool:
            for done, _ in enumerate(pool.imap_unordered(fill_one, jobs), 1):
                if done % 25 == 0:
                    print(f"    {done} portals filled", flush=True)
    else:
        for done, job in enumerate(jobs, 1):
            fill_one(job)
            if done % 25 == 0:
                print(f"    {done} portals filled", flush=True)


def fill_while_created(args, now) -> None:
    """--fill-only: fill portals as another run creates them, until all
    ``--portals`` exist and are filled."""
    from quartiers.portals.models import Portal

    url = args.database_url or f"sqlite:///{common.DEFAULT_SQLITE}"
    while True:
        jobs = fill_jobs(args, now)
        if jobs:
            run_fill(jobs, args.jobs, url)
            print(f"    {len(jobs)} more portals filled", flush=True)
        created = Portal.objects.filter(slug__startswith="quartier-").count()
        if not jobs and created >= args.portals:
            return
        if not jobs:
            time.sleep(20)


def main() -> None:
    args = parse_args()
    url = args.database_url or f"sqlite:///{common.DEFAULT_SQLITE}"
    if args.reset:
        reset(url)
    # Generation only: no search-index or page-cache work on each save (the
    # index is built once at the end by update_index).
    os.environ["BENCH_GENERATING"] = "1"
    common.setup(url)

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from bench.textgen import NEIGHBOURHOODS, TOWNS, French
    from quartiers.federation import signatures
    from quartiers.portals import services
    from quartiers.portals.models import Portal

    # Each portal's ActivityPub actor gets an RSA key: 2048-bit generation
    # is most of portal_create's CPU time. The benchmark's portals share one
    # (no page reads it; no message leaves the benchmark).
    signatures.generate_key_pair = functools.cache(signatures.generate_key_pair)

    total = time.perf_counter()
    clock = common.Clock()
    print(f"Benchmark database: {url}")
    if args.open_only:
        opened = open_portals(random.Random(args.seed))
        clock.lap(f"{opened} portals opened (animator, position)")
        return
    if args.reset and not url.startswith("sqlite:///"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    clock.lap("migrations")
    existing = {portal.slug for portal in Portal.objects.only("slug")}
    if existing and not (args.resume or args.fill_only):
        sys.exit(
            "This database already holds portals: pass --reset to start over, "
            "or --resume to finish an interrupted generation."
        )

    text = French(args.seed)
    now = timezone.now()
    if args.fill_only:
        fill_while_created(args, now)
        return
    with disable_reference_index_auto_update():
        for number in range(args.portals):
            slug = f"quartier-{number + 1}"
            if slug in existing:
                continue
            name = f"{NEIGHBOURHOODS[number % len(NEIGHBOURHOODS)]} {number + 1}"
            services.portal_create(
                actor=None,
                slug=slug,
                name=name,
                town=TOWNS[number % len(TOWNS)],
                presentation=text.sentence(),
            )
            if (number + 1) % 50 == 0:
                print(f"    {number + 1} portals", flush=True)
    clock.lap(f"{args.portals} portals (portal_create)")

    jobs = fill_jobs(args, now)
    run_fill(jobs, args.jobs, url)
    clock.lap(f"{args.items} items (bulk inserts, {len(jobs)} portals filled)")

    open_portals(random.Random(args.seed))
    clock.lap("portals opened (animator, position)")
    if args.skip_index:
        print("  search index: skipped (--skip-index)")
    else:
        call_command("update_index", verbosity=0)
        clock.lap("search index (manage.py update_index)")
    print(f"Done in {time.perf_counter() - total:.0f} s.")


if __name__ == "__main__":
    main()
