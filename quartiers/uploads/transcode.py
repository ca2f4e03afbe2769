"""The ffmpeg work itself: one loudness-normalised MP3 for a sound; for a
video, H.264/AAC MP4 in 720p and 360p, a poster frame and an HLS ladder made
from those two files without re-encoding.

Outputs are written in a work folder next to the original, then moved onto
names derived from the asset's uid (see Workspace). The source's metadata
(GPS position of a phone, names, software) never reaches published files.
"""

import json
import re
from pathlib import Path

from django.utils.translation import gettext as _

from . import media
from .models import MediaAsset
from .probing import _int
from .running import ProcessingError, Progress, run_ffmpeg
from .workspace import Workspace

SEGMENT_SECONDS = 4
# (name, shorter side, video quality, max video rate, audio rate, profile)
LADDER = (
    ("720", 720, "23", "2500k", "128k", "high"),
    ("360", 360, "26", "800k", "96k", "main"),
)
HLS_NAME = re.compile(r"^(?:index\.m3u8|seg_\d{3,5}\.ts)$")


# --- sound -----------------------------------------------------------------

LOUDNESS = "I=-16:TP=-1.5:LRA=11"


def _measure_loudness(source: Path, duration, on_progress) -> dict | None:
    log = run_ffmpeg(
        [
            "-i",
            str(source),
            "-map",
            "0:a:0",
            "-af",
            f"loudnorm={LOUDNESS}:print_format=json",
            "-f",
            "null",
            "-",
        ],
        duration=duration,
        on_progress=on_progress,
        loglevel="info",
    )
    start = log.rfind("{")
    end = log.rfind("}")
    if start < 0 or end < start:
        return None
    try:
        stats = json.loads(log[start : end + 1])
        values = {
            key: float(stats[key])
            for key in (
                "input_i",
                "input_tp",
                "input_lra",
                "input_thresh",
                "target_offset",
            )
        }
    except (ValueError, KeyError, TypeError):
        return None
    if any(value != value or abs(value) == float("inf") for value in values.values()):
        return None  # silence measures -inf: normalise in one pass instead
    return values


def _loudnorm_filter(stats: dict | None) -> str:
    if not stats:
        return f"loudnorm={LOUDNESS}"
    return (
        f"loudnorm={LOUDNESS}:measured_I={stats['input_i']}"
        f":measured_TP={stats['input_tp']}:measured_LRA={stats['input_lra']}"
        f":measured_thresh={stats['input_thresh']}:offset={stats['target_offset']}"
        ":linear=true"
    )


def _audio_channels(info: media.Probe) -> int:
    for stream in info.streams:
        if stream.get("codec_type") == "audio":
            return _int(stream.get("channels")) or 2
    return 2


def make_audio(asset: MediaAsset, workspace: Workspace, progress: Progress) -> dict:
    source = workspace.source()
    info = _probe_source(source)
    duration = info.duration or asset.duration
    stats = _measure_loudness(source, duration, progress.stage(0, 45))
    mono = _audio_channels(info) == 1
    made = workspace.dir / "audio.mp3"
    run_ffmpeg(
        [
            "-i",
            str(source),
            "-map",
            "0:a:0",
            "-vn",
            "-sn",
            "-dn",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-af",
            _loudnorm_filter(stats),
            "-ar",
            "44100",
            "-ac",
            "1" if mono else "2",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "96k" if mono else "128k",
            "-id3v2_version",
            "0",
            str(made),
        ],
        duration=duration,
        on_progress=progress.stage(45, 95),
    )
    result = _probe_output(made)
    tag_mp3(made, title=str(asset), artist=asset.portal.name)
    size = made.stat().st_size
    name = workspace.publish(made, "audio.mp3")
    return {"audio_file": name, "audio_size": size, "duration": result.duration}


def tag_mp3(path: Path, *, title: str, artist: str) -> None:
    """Write our ID3 tags only: title, and the portal as artist and album."""
    from mutagen.id3 import ID3, TALB, TIT2, TPE1

    tags = ID3()
    tags.add(TIT2(encoding=3, text=[title]))
    tags.add(TPE1(encoding=3, text=[artist]))
    tags.add(TALB(encoding=3, text=[artist]))
    tags.save(str(path), v2_version=3)


def _probe_source(path: Path) -> media.Probe:
    try:
        return media.probe(path)
    except media.ProbeError as error:
        raise ProcessingError(
            _("Le fichier d'origine est illisible."), detail=str(error)
        ) from None


def _probe_output(path: Path) -> media.Probe:
    try:
        return media.probe(path)
    except media.ProbeError as error:
        raise ProcessingError(
            _("Le fichier converti est illisible."), retry=True, detail=str(error)
        ) from None


# --- video -----------------------------------------------------------------


def _scale(short_side: int) -> str:
    """Fit the shorter side to ``short_side`` without enlarging, even sizes,
    portrait or landscape (after the phone's rotation is applied)."""
    side = f"trunc(min({short_side},%s)/2)*2"
    return (
        f"scale=w='if(gte(iw,ih),-2,{side % 'iw'})'"
        f":h='if(gte(iw,ih),{side % 'ih'},-2)',setsar=1,format=yuv420p"
    )


def make_video(asset: MediaAsset, workspace: Workspace, progress: Progress) -> dict:
    source = workspace.source()
    info = _probe_source(source)
    duration = info.duration or asset.duration
    graph = f"[0:v:0]split={len(LADDER)}" + "".join(f"[in{n}]" for n, *_r in LADDER)
    graph += "".join(f";[in{n}]{_scale(side)}[v{n}]" for n, side, *_r in LADDER)
    args = ["-i", str(source), "-filter_complex", graph]
    for name, _side, crf, maxrate, audio_rate, profile in LADDER:
        args += [
            "-map",
            f"[v{name}]",
            "-map",
            "0:a:0?",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            crf,
            "-maxrate",
            maxrate,
            "-bufsize",
            str(int(maxrate[:-1]) * 2) + "k",
            "-profile:v",
            profile,
            "-force_key_frames",
            f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
            "-sc_threshold",
            "0",
            "-fpsmax",
            "30",
            "-c:a",
            "aac",
            "-b:a",
            audio_rate,
            "-ac",
            "2",
            "-movflags",
            "+faststart",
            str(workspace.dir / f"{name}.mp4"),
        ]
    run_ffmpeg(args, duration=duration, on_progress=progress.stage(0, 85))

    hls = workspace.dir / "hls"
    variants = []
    for index, (name, *_rest) in enumerate(LADDER):
        made = workspace.dir / f"{name}.mp4"
        (hls / name).mkdir(parents=True)
        run_ffmpeg(
            [
                "-i",
                str(made),
                "-map",
                "0",
                "-c",
                "copy",
                "-f",
                "hls",
                "-hls_time",
                str(SEGMENT_SECONDS),
                "-hls_playlist_type",
                "vod",
                "-hls_segment_filename",
                str(hls / name / "seg_%03d.ts"),
                str(hls / name / "index.m3u8"),
            ],
            duration=duration,
            on_progress=progress.stage(85 + 5 * index, 90 + 5 * index),
        )
        variants.append((name, _probe_output(made), made.stat().st_size))
    (hls / "master.m3u8").write_text(_master_playlist(variants, duration))

    poster = workspace.dir / "poster.jpg"
    at = min(3.0, (duration or 0) * 0.25)
    run_ffmpeg(
        [
            "-ss",
            f"{at:.2f}",
            "-i",
            str(workspace.dir / "720.mp4"),
            "-frames:v",
            "1",
            "-q:v",
            "3",
            "-map_metadata",
            "-1",
            "-update",
            "1",
            str(poster),
        ],
    )
    best = variants[0][1]
    fields = {
        "duration": best.duration or duration,
        "width": best.width,
        "height": best.height,
        "video_720_size": variants[0][2],
        "video_360_size": variants[1][2],
        "poster": workspace.publish(poster, "poster.jpg"),
        "video_720": workspace.publish(workspace.dir / "720.mp4", "720.mp4"),
        "video_360": workspace.publish(workspace.dir / "360.mp4", "360.mp4"),
    }
    fields["hls_playlist"] = workspace.publish(hls, "hls") + "/master.m3u8"
    return fields


def _avc_codec(stream: dict) -> str:
    profiles = {"High": "6400", "Main": "4d40", "Constrained Baseline": "42e0"}
    profile = profiles.get(str(stream.get("profile")), "")
    level = _int(stream.get("level"))
    if not profile or not level:
        return ""
    return f"avc1.{profile}{level:02x}"


def _master_playlist(variants, duration) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for name, info, size in variants:
        video = next((s for s in info.streams if s.get("codec_type") == "video"), {})
        bandwidth = int(size * 8 / duration * 1.2) if duration else 1_000_000
        attributes = [f"BANDWIDTH={max(bandwidth, 1)}"]
        if info.width and info.height:
            attributes.append(f"RESOLUTION={info.width}x{info.height}")
        codecs = [_avc_codec(video)] if _avc_codec(video) else []
        if codecs and info.has_audio:
            codecs.append("mp4a.40.2")
        if codecs:
            attributes.append(f'CODECS="{",".join(codecs)}"')
        lines += ["#EXT-X-STREAM-INF:" + ",".join(attributes), f"{name}/index.m3u8"]
    return "\n".join(lines) + "\n"
