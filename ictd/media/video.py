"""Video hashes in the manner of vPDQ: the PDQ hash of frames sampled once a second.

The ``ffmpeg`` program (Debian's package, installed by ``make`` and CI) decodes the upload
and samples ``FRAMES_PER_SECOND`` frames a second, each scaled to ``FRAME_SIDE`` square
pixels and sent back as raw RGB on a pipe; each frame is hashed with PDQ. Frames of PDQ
quality below ``MIN_QUALITY`` (black, flat) are dropped, as vPDQ does, and repeated hashes
are kept once. A video signal is the set of its frame hashes, written as PDQ hex values
joined by commas.

Matching compares the two sets (``compare_frames``): the *query match* is the share of the
query's frames within the distance of some frame of the stored video, the *compared match*
the share of the stored video's frames within the distance of some query frame; a video
matches when both reach the threshold (80 % by default, as in vPDQ).

ffmpeg reads only from a private temporary file (in memory under ``/dev/shm`` where there is
one, deleted when hashing ends) and only through the ``file`` protocol and the container
formats of ``CONTAINERS``, so a playlist cannot make it open other files or the network. It
runs with a time limit; at most ``MAX_FRAMES`` frames are read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pdqhash

from ictd.media.pdq import MIN_QUALITY, MediaLimits, bits_to_hex, check_pdq_hex, hex_to_words

__all__ = [
    "CONTAINERS",
    "MAX_FRAMES",
    "VideoHash",
    "check_video_value",
    "compare_frames",
    "ffmpeg_available",
    "hash_video",
]

FRAMES_PER_SECOND = 1
FRAME_SIDE = 128
MAX_FRAMES = 3600  # an hour at one frame a second
TIMEOUT_SECONDS = 120
CONTAINERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,ogg"
"""The demuxers ffmpeg may use (ffmpeg's names)."""
# mkdtemp makes a private (0700) folder under it, so a shared parent is safe here
_SHM = "/dev/shm"  # noqa: S108
_SCRATCH = _SHM if os.path.isdir(_SHM) and os.access(_SHM, os.W_OK) else None


@dataclass(frozen=True, slots=True)
class VideoHash:
    """The distinct PDQ hashes of a video's sampled frames, in order, and how many frames
    were read (including those dropped for low quality)."""

    frames: tuple[str, ...]
    sampled: int

    @property
    def value(self) -> str:
        return ",".join(self.frames)


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None


def check_video_value(value: str) -> str:
    """A video signal's value (PDQ hex frame hashes separated by commas, spaces or new
    lines) in its stored form: lower case, each hash once, in order; ``ValueError`` if not."""
    parts = [p for p in value.replace(",", " ").split() if p]
    if not parts:
        raise ValueError("a video hash is one or more PDQ frame hashes, separated by commas")
    if len(parts) > MAX_FRAMES:
        raise ValueError(f"a video hash has at most {MAX_FRAMES} frame hashes")
    frames: dict[str, None] = {}
    for i, part in enumerate(parts):
        try:
            frames.setdefault(check_pdq_hex(part))
        except ValueError:
            raise ValueError(f"frame {i + 1} is not a PDQ hash (64 hexadecimal digits)") from None
    return ",".join(frames)


def hash_video(data: bytes, limits: MediaLimits | None = None) -> VideoHash:
    """The frame hashes of the video in ``data``; ``ValueError`` says why there are none."""
    bounds = limits or MediaLimits()
    if not data:
        raise ValueError("the file is empty")
    if len(data) > bounds.max_bytes:
        raise ValueError(f"the file is larger than {bounds.max_bytes} bytes")
    if not ffmpeg_available():
        raise ValueError("video hashing needs the ffmpeg program, which is not installed")
    with tempfile.TemporaryDirectory(prefix="ictd-video-", dir=_SCRATCH) as folder:
        path = os.path.join(folder, "upload")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(data)
        raw = _frames(path)
    size = FRAME_SIDE * FRAME_SIDE * 3
    count = len(raw) // size
    if not count:
        raise ValueError("the video has no frames that could be decoded")
    pixels = np.frombuffer(raw[: count * size], dtype=np.uint8).reshape(
        count, FRAME_SIDE, FRAME_SIDE, 3
    )
    frames: dict[str, None] = {}
    for frame in pixels:
        bits, quality = pdqhash.compute(np.ascontiguousarray(frame))
        if quality >= MIN_QUALITY:
            frames.setdefault(bits_to_hex(bits))
    if not frames:
        raise ValueError("the video has too little detail to hash (every frame's PDQ quality < 50)")
    return VideoHash(tuple(frames), count)


def _frames(path: str) -> bytes:
    command = [
        "ffmpeg",
        "-nostdin",
        "-xerror",  # a damaged or truncated stream is an error, not fewer frames
        "-hide_banner",
        "-loglevel",
        "error",
        "-protocol_whitelist",
        "file",
        "-format_whitelist",
        CONTAINERS,
        "-i",
        path,
        "-map",
        "0:v:0",
        "-vf",
        f"fps={FRAMES_PER_SECOND},scale={FRAME_SIDE}:{FRAME_SIDE}:flags=area",
        "-frames:v",
        str(MAX_FRAMES),
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "pipe:1",
    ]
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, the input is a private file
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise ValueError(f"the video took longer than {TIMEOUT_SECONDS} s to decode") from None
    if done.returncode != 0 or not done.stdout:
        raise ValueError(
            "not a video in a supported format, or the video is corrupt "
            f"(containers: {CONTAINERS.replace(',', ', ')})"
        )
    return done.stdout


def compare_frames(
    query: Sequence[str], stored: Sequence[str], radius: int
) -> tuple[float, float, int]:
    """``(query match, compared match, nearest distance)`` of two sets of frame hashes: the
    shares (0–1) of each side's frames within ``radius`` of some frame of the other."""
    if not query or not stored:
        return 0.0, 0.0, 256
    q = hex_to_words(list(query))
    s = hex_to_words(list(stored))
    query_hit = np.zeros(len(q), dtype=bool)
    stored_hit = np.zeros(len(s), dtype=bool)
    nearest = 256
    for at in range(0, len(q), 128):  # a block of query frames at a time: bounded memory
        distance = np.bitwise_count(q[at : at + 128, None, :] ^ s[None, :, :]).sum(axis=2)
        close = distance <= radius
        query_hit[at : at + 128] = close.any(axis=1)
        stored_hit |= close.any(axis=0)
        nearest = min(nearest, int(distance.min()))
    return float(query_hit.mean()), float(stored_hit.mean()), nearest
