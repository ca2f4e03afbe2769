"""Episode transcripts: plain text typed by the animator, or pasted WebVTT.

The page shows paragraphs; podcast apps get WebVTT (podcast:transcript).
Plain text becomes one cue per paragraph, spread over the episode.
"""

import re

TIMING = re.compile(r"-->")
FALLBACK_SECONDS_PER_WORD = 0.4  # about 150 words a minute


def is_webvtt(text: str) -> bool:
    return (text or "").lstrip("\ufeff").lstrip().startswith("WEBVTT")


def _blocks(text: str) -> list[str]:
    return [
        " ".join(block.split())
        for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
        if block.strip()
    ]


def paragraphs(text: str) -> list[str]:
    """What to show on the page: the paragraphs, or the cues' text for WebVTT."""
    if not is_webvtt(text):
        return _blocks(text)
    found = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines) if TIMING.search(line)), None)
        if timing is None:
            continue
        cue = " ".join(lines[timing + 1 :]).strip()
        cue = re.sub(r"<[^>]+>", "", cue)
        if cue:
            found.append(cue)
    return found


def _stamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    # "-->" would end the timing line's meaning; "<" and "&" are markup.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("-->", "→")


def to_webvtt(text: str, duration: float | None) -> str:
    if is_webvtt(text):
        return text.lstrip("\ufeff").replace("\r\n", "\n").strip() + "\n"
    blocks = _blocks(text)
    words = [max(1, len(block.split())) for block in blocks]
    total_words = sum(words) or 1
    total = duration or total_words * FALLBACK_SECONDS_PER_WORD
    cues = ["WEBVTT", ""]
    start = 0.0
    for number, (block, count) in enumerate(zip(blocks, words, strict=True), 1):
        end = min(total, start + total * count / total_words)
        if number == len(blocks):
            end = total
        cues += [
            str(number),
            f"{_stamp(start)} --> {_stamp(end)}",
            _cue_text(block),
            "",
        ]
        start = end
    return "\n".join(cues)
