"""Child processes that never outlive the process that started them.

``subprocess.Popen(..., preexec_fn=die_with_parent)``: when the parent dies,
even killed with SIGKILL, Linux sends the child SIGKILL (prctl
PR_SET_PDEATHSIG). A conversion whose worker was killed stops at once
instead of running on, orphaned, for an hour. Elsewhere than on Linux it
does nothing.
"""

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Runs in the child between fork and exec: ask to get ``sig`` when the
    parent dies, and go at once if it already has."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl
        os.kill(os.getpid(), sig)


def die_with_parent_term() -> None:
    """The same with SIGTERM, for children that should stop cleanly."""
    die_with_parent(signal.SIGTERM)
