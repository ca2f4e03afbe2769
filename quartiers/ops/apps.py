from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the install: workers and their supervision, periodic jobs,
    backups, and a portal that moves to another install. It wires the other
    apps together, like ``config``, so it may import any of them."""

    name = "quartiers.ops"
    label = "ops"
    verbose_name = "Exploitation"

    def ready(self):
        from quartiers.core import workers as liveness

        def states(worker_ids):
            from . import workers

            return workers.worker_states(worker_ids)

        # The foundation apps ask whether a worker is alive through core.
        liveness.register_liveness(states)
