"""Which ffmpeg and ffprobe the platform runs: the system's when there is
one, else the static build a Python wheel ships, so a fresh machine without
Debian's package still makes the demo's media and processes uploads."""

import platform
import subprocess
import sys

import pytest

from quartiers.uploads import demo_media, probing, tools


def _executable(path):
    path.write_text("#!/bin/sh\necho fake\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def fake_wheel(tmp_path, monkeypatch):
    """A package laid out like the wheel, with both tools, on sys.path."""
    package = tmp_path / "site" / "fake_media_wheel"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('never imported')\n")
    system = tools._SYSTEM[platform.system()]
    machine = tools._MACHINE[platform.machine()]
    paths = {
        tool: _executable(package / f"{tool}-{system}-{machine}")
        for tool in tools.TOOLS
    }
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(tools, "WHEEL_PACKAGE", "fake_media_wheel")
    sys.modules.pop("fake_media_wheel", None)
    return paths


@pytest.fixture
def empty_path(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def no_setting(settings):
    for name in ("QUARTIERS_FFMPEG_BINARY", "QUARTIERS_FFPROBE_BINARY"):
        if hasattr(settings, name):
            delattr(settings, name)


def test_without_system_ffmpeg_the_wheel_binaries_are_used(
    fake_wheel, empty_path, no_setting
):
    assert probing.ffmpeg_binary() == str(fake_wheel["ffmpeg"])
    assert probing.ffprobe_binary() == str(fake_wheel["ffprobe"])
    assert probing.tools_available()
    assert tools.source("ffprobe") == "wheel"
    # Found without importing the package (its import would fail here).
    assert "fake_media_wheel" not in sys.modules


def test_the_system_ffmpeg_is_preferred_to_the_wheel(
    fake_wheel, empty_path, no_setting
):
    system = {tool: _executable(empty_path / tool) for tool in tools.TOOLS}
    assert probing.ffmpeg_binary() == str(system["ffmpeg"])
    assert probing.ffprobe_binary() == str(system["ffprobe"])
    assert tools.source("ffmpeg") == "system"


def test_a_binary_named_in_the_settings_wins(fake_wheel, empty_path, settings):
    _executable(empty_path / "ffmpeg")
    settings.QUARTIERS_FFMPEG_BINARY = "/opt/ffmpeg/bin/ffmpeg"
    assert probing.ffmpeg_binary() == "/opt/ffmpeg/bin/ffmpeg"
    assert tools.source("ffmpeg") == "settings"


def test_with_neither_media_is_refused_with_the_bare_name(
    empty_path, no_setting, monkeypatch
):
    monkeypatch.setattr(tools, "WHEEL_PACKAGE", "no_such_media_wheel")
    assert probing.ffmpeg_binary() == "ffmpeg"
    assert not probing.tools_available()
    assert tools.source("ffprobe") == "missing"
    with pytest.raises(probing.MediaToolMissing):
        probing.probe(empty_path / "nothing.mp3")


def test_an_unknown_tool_is_refused():
    with pytest.raises(ValueError):
        tools.binary("ffplay")


@pytest.mark.skipif(
    tools.wheel_binary("ffprobe") is None, reason="the media wheel is not installed"
)
def test_the_installed_wheel_runs_both_tools(empty_path, no_setting):
    """The requirements' wheel really answers on this machine, with the
    encoders the platform uses (MP3 for sound, H.264 for video)."""
    for tool in tools.TOOLS:
        version = subprocess.run(
            [tools.binary(tool), "-version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        assert version.startswith(f"{tool} version")
    encoders = subprocess.run(
        [tools.binary("ffmpeg"), "-hide_banner", "-encoders"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert "libmp3lame" in encoders
    assert "libx264" in encoders


@pytest.mark.skipif(
    tools.wheel_binary("ffprobe") is None, reason="the media wheel is not installed"
)
def test_the_demo_makes_its_sounds_with_the_wheel_alone(
    empty_path, no_setting, tmp_path
):
    """No ffmpeg on PATH: the demo's sound is made and read all the same."""
    path = demo_media.generate_audio(tmp_path / "demo.mp3", seconds=1)
    found = probing.probe(path)
    assert found.has_audio
    assert found.duration == pytest.approx(1, abs=0.2)
