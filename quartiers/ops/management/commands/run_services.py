"""Start the web server, the worker and the periodic jobs, and keep them up.

``make run`` uses it. A child that stops (a worker that crashed on a locked
database, say) is started again after a short pause that grows when it keeps
stopping; Ctrl+C or SIGTERM stops them all. Children die with this process
even when it is killed (quartiers/core/proc.py). Once the site answers, the
lines of ``--banner`` (the demo logins) are printed last.

    manage.py run_services --web 127.0.0.1:8000 --banner var/demo-logins.txt
"""

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from quartiers.core.proc import die_with_parent_term

RESTART_PAUSES = (1, 2, 5, 10, 30)
# A child that ran this long is healthy again: its next pause is the first.
HEALTHY_SECONDS = 60


class Child:
    def __init__(self, name: str, argv: list[str]):
        self.name = name
        self.argv = argv
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.failures = 0
        self.restart_at = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, preexec_fn=die_with_parent_term)
        self.started = time.monotonic()


class Command(BaseCommand):
    help = (
        "Lance le site, le worker et les tâches périodiques, et relance ce "
        "qui s'arrête."
    )

    def add_arguments(self, parser):
        parser.add_argument("--web", default="", help="hôte:port du serveur web")
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--banner", default="", help="fichier affiché à la fin")
        parser.add_argument("--no-periodic", action="store_true")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="migrer si besoin et créer la démo avant de lancer (make run)",
        )

    def handle(
        self, *args, web="", workers=1, banner="", no_periodic=False, demo=False, **opts
    ):
        if demo:
            self._prepare_demo(banner)
        manage = [sys.executable, str(Path(sys.argv[0]).resolve())]
        children = [
            Child(
                f"worker {n + 1}" if workers > 1 else "worker", [*manage, "run_worker"]
            )
            for n in range(max(workers, 0))
        ]
        if not no_periodic:
            children.append(Child("périodique", [*manage, "run_periodic"]))
        if web:
            children.append(Child("web", [*manage, "runserver", "--noreload", web]))
        self.stopping = False
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        for child in children:
            child.start()
        if web:
            self._wait_for(web)
        if banner and Path(banner).exists():
            self.stdout.write(Path(banner).read_text(encoding="utf-8").rstrip())
            self.stdout.flush()
        try:
            self._supervise(children)
        finally:
            self._terminate(children)

    def _prepare_demo(self, banner: str) -> None:
        """What make run needs before starting, in this one process: the
        migrations only when some are missing, the demo only when it is."""
        from io import StringIO

        from django.core.management import call_command
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
        logins = StringIO()
        call_command("seed_demo", stdout=logins)
        if banner:
            with open(banner, "a", encoding="utf-8") as handle:
                handle.write(logins.getvalue())
        connection.close()

    def _stop(self, signum, frame):
        self.stopping = True

    def _wait_for(self, web: str, seconds: float = 60) -> None:
        host, _, port = web.rpartition(":")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.stopping:
            try:
                with socket.create_connection((host or "127.0.0.1", int(port)), 0.5):
                    time.sleep(0.3)  # the server's own start lines come first
                    return
            except OSError:
                time.sleep(0.2)

    def _supervise(self, children: list[Child]) -> None:
        while not self.stopping:
            now = time.monotonic()
            for child in children:
                if child.process is None:
                    if now >= child.restart_at:
                        child.start()
                    continue
                code = child.process.poll()
                if code is None:
                    continue
                if now - child.started >= HEALTHY_SECONDS:
                    child.failures = 0
                pause = RESTART_PAUSES[min(child.failures, len(RESTART_PAUSES) - 1)]
                child.failures += 1
                child.process = None
                child.restart_at = now + pause
                self.stderr.write(
                    f"« {child.name} » s'est arrêté (code {code}) : "
                    f"redémarrage dans {pause} s."
                )
            time.sleep(0.2)

    def _terminate(self, children: list[Child]) -> None:
        running = [
            c.process for c in children if c.process and c.process.poll() is None
        ]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in running:
            try:
                process.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
