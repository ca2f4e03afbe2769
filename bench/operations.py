"""Figures of the operations, measured on this machine in a throw-away install.

    .venv/bin/python bench/operations.py queue --tasks 500 --workers 2
    .venv/bin/python bench/operations.py killed
    .venv/bin/python bench/operations.py killed-media --seconds 60
    .venv/bin/python bench/operations.py backup      # on the demo (make run first)

``queue``: jobs per second through the database queue and through RQ on
Redis (the probe task, enqueued then drained by ``run_worker --burst``).
``killed``: a 20-second job whose worker is killed outright halfway; the
time from the kill until another worker has finished it. ``killed-media``:
the same with a video being converted (ffmpeg running): the worker is
killed at the first progress; the time until the asset is taken again and
until it is ready, and the processes (work horse, ffmpeg) left running.
``backup``: the
time of ``manage.py backup`` and of ``restore`` into a fresh install.
Installs live under var/bench-ops/ (SQLite; migrated once, then reused).
"""

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-ops"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def env_for(folder: Path, backend: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quartiers.config.settings.dev",
        "QUARTIERS_VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        "TASKS_BACKEND": backend,
        "TASKS_REDIS_URL": REDIS,
    }
    env.pop("DATABASE_URL", None)
    return env


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def install(name: str, backend: str) -> dict:
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    env = env_for(folder, backend)
    if not (folder / ".migrated").exists():
        print(f"  migration de l'installation {name}…", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        (folder / ".migrated").touch()
    return env


ENQUEUE = """
from quartiers.ops.tasks import probe
n = {n}
for i in range(n):
    probe.enqueue("b%d" % i, seconds={seconds})
"""

PENDING = """
from quartiers.ops import workers
if workers.backend_kind() == "rq":
    import django_rq
    print(django_rq.get_queue("default").count)
else:
    from django_tasks_db.models import DBTaskResult
    print(DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).count())
"""


def pending(env) -> int:
    return int(manage(env, "shell", "-v", "0", "-c", PENDING).stdout.split()[-1])


def queue(args) -> None:
    for backend in ("database", "rq"):
        env = install("file", backend)
        if backend == "rq":
            import redis

            redis.Redis.from_url(REDIS).flushdb()
        else:
            manage(env, "shell", "-v", "0", "-c",
                   "from django_tasks_db.models import DBTaskResult; "
                   "DBTaskResult.objects.all().delete()")  # fmt: skip
        manage(env, "shell", "-v", "0", "-c", ENQUEUE.format(n=args.tasks, seconds=0))
        started = time.monotonic()
        workers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--burst"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for _ in range(args.workers)
        ]
        for worker in workers:
            worker.wait()
        seconds = time.monotonic() - started
        left = pending(env)
        print(
            f"{backend:9} {args.tasks} tâches, {args.workers} worker(s) : "
            f"{seconds:.1f} s, {args.tasks / seconds:.1f} tâches/s "
            f"(démarrage des workers compris) ; restantes : {left}"
        )


def killed(args) -> None:
    for backend in ("database", "rq"):
        env = install("file", backend)
        token = uuid.uuid4().hex[:8]
        if backend == "rq":
            import redis

            redis.Redis.from_url(REDIS).flushdb()
        manage(env, "shell", "-v", "0", "-c",
               f"from quartiers.ops.tasks import probe; probe.enqueue({token!r}, seconds=20)")  # fmt: skip
        first = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(12)  # the job is running
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        # What make run does: the supervisor starts a worker again, and the
        # periodic jobs look for lost tasks every 30 s.
        second = subprocess.Popen(
            [sys.executable, "manage.py", "run_services", "--workers", "1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        check = (
            "from django.core.cache import caches; "
            f"print(caches['shared'].get('quartiers:queue-probe:{token}') or '-')"
        )
        done = None
        while time.monotonic() - killed_at < args.limit:
            out = manage(env, "shell", "-v", "0", "-c", check).stdout.split()[-1]
            if out == token:
                done = time.monotonic() - killed_at
                break
            time.sleep(2)
        second.send_signal(signal.SIGTERM)
        second.wait(30)
        print(
            f"{backend:9} tâche de 20 s, worker tué à 12 s : "
            + (f"finie {done:.0f} s après le kill" if done else "pas finie")
        )


MEDIA_ASSET = """
from quartiers.portals import services
from quartiers.portals.models import Portal
from quartiers.uploads import media_services
from quartiers.uploads.models import MediaAsset

portal = Portal.objects.filter(slug="banc-media").first() or services.portal_create(
    actor=None, slug="banc-media", name="Banc média", town="Bobigny"
)
asset = media_services.media_asset_from_file(
    portal=portal, path={path!r}, kind=MediaAsset.VIDEO, title="Banc", process_now=False
)
print(asset.pk)
"""


def long_video(seconds: int) -> Path:
    """A 720p test pattern with a tone, made once per length."""
    path = WORK / f"source-{seconds}s.mp4"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", "-y",
             "-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=25:duration={seconds}",
             "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
             "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
             "-shortest", str(path)],
            check=True,
        )  # fmt: skip
    return path


def asset_row(folder: Path, pk: int) -> tuple:
    import sqlite3

    with sqlite3.connect(folder / "quartiers.sqlite3", timeout=30) as db:
        return db.execute(
            "SELECT status, progress, attempts FROM uploads_mediaasset WHERE id = ?",
            (pk,),
        ).fetchone()


def processes_of(media_root: Path) -> list[str]:
    """Living processes of this install's workers (ffmpeg on its files, and
    what a killed RQ worker may leave: its work horse, its scheduler)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"MEDIA_ROOT={media_root}".encode() not in environ:
            continue  # another install's
        line = " ".join(part.decode(errors="replace") for part in argv)
        if state == "Z":
            continue
        if "ffmpeg" in argv[0].decode(errors="replace") and str(media_root) in line:
            found.append("ffmpeg")
        elif "run_worker" in line:
            found.append("worker")
    return found


def killed_media(args) -> None:
    source = long_video(args.seconds)
    for backend in args.backends.split(","):
        env = install("media", backend)
        folder = WORK / "media"
        if backend == "rq":
            import redis

            redis.Redis.from_url(REDIS).flushdb()
        else:
            manage(env, "shell", "-v", "0", "-c",
                   "from django_tasks_db.models import DBTaskResult; "
                   "DBTaskResult.objects.all().delete()")  # fmt: skip
        out = manage(
            env, "shell", "-v", "0", "-c", MEDIA_ASSET.format(path=str(source))
        )
        pk = int(out.stdout.split()[-1])
        first = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started = time.monotonic()
        while time.monotonic() - started < 300:
            status, progress, _attempts = asset_row(folder, pk)
            if status == "processing" and progress >= 2:
                break
            time.sleep(0.5)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        at_kill = asset_row(folder, pk)[1]
        time.sleep(3)
        left = processes_of(Path(env["MEDIA_ROOT"]))
        second = subprocess.Popen(
            [sys.executable, "manage.py", "run_services", "--workers", "1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        taken = done = None
        while time.monotonic() - killed_at < args.limit:
            status, progress, attempts = asset_row(folder, pk)
            if taken is None and attempts >= 2:
                taken = time.monotonic() - killed_at
            if status in ("ready", "failed"):
                done = time.monotonic() - killed_at
                break
            time.sleep(1)
        second.send_signal(signal.SIGTERM)
        second.wait(30)
        print(
            f"{backend:9} vidéo de {args.seconds} s (720p), worker tué à "
            f"{at_kill} % : "
            + (
                f"reprise {taken:.0f} s après le kill, "
                if taken
                else "jamais reprise, "
            )
            + (f"{status} {done:.0f} s après le kill" if done else "pas finie")
            + f" ; restés en vie 3 s après le kill : {', '.join(left) or 'rien'}",
            flush=True,
        )


def backup(args) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "quartiers.config.settings.dev"}
    env.pop("DATABASE_URL", None)
    archive = WORK / "demo.tar.gz"
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    out = manage(env, "backup", "--output", str(archive)).stdout.strip()
    print(f"backup de la démo : {time.monotonic() - started:.1f} s — {out}")
    target = WORK / f"restore-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    out = manage(env_for(target, "database"), "restore", str(archive), "--yes")
    print(f"restore dans une installation vide : {time.monotonic() - started:.1f} s — "
          f"{out.stdout.strip()}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    q = sub.add_parser("queue")
    q.add_argument("--tasks", type=int, default=500)
    q.add_argument("--workers", type=int, default=2)
    k = sub.add_parser("killed")
    k.add_argument("--limit", type=float, default=300)
    m = sub.add_parser("killed-media")
    m.add_argument("--seconds", type=int, default=60)
    m.add_argument("--limit", type=float, default=900)
    m.add_argument("--backends", default="database,rq")
    sub.add_parser("backup")
    args = parser.parse_args()
    {
        "queue": queue,
        "killed": killed,
        "killed-media": killed_media,
        "backup": backup,
    }[args.what](args)


if __name__ == "__main__":
    main()
