"""Short videos made in the test: generated pictures (one per second) encoded by ffmpeg."""

from __future__ import annotations

import subprocess

import numpy as np

from ictd.bench.media_images import picture

__all__ = ["reencode", "video"]


def _run(command: list[str], data: bytes) -> bytes:
    done = subprocess.run(command, input=data, capture_output=True, check=True, timeout=120)
    return done.stdout


def video(seed: int, scenes: int = 4, size: tuple[int, int] = (320, 240)) -> bytes:
    """An MP4 (MPEG-4 part 2) of ``scenes`` generated pictures, each shown for two seconds
    at 5 frames a second, brightening a little within its scene."""
    frames = []
    for scene in range(scenes):
        still = np.asarray(picture(seed * 100 + scene, size), dtype=np.int16)
        for step in range(10):
            frames.append(np.clip(still + step, 0, 255).astype(np.uint8).tobytes())
    width, height = size
    command = ["ffmpeg", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24"]
    command += ["-s", f"{width}x{height}", "-r", "5", "-i", "pipe:0"]
    command += ["-c:v", "mpeg4", "-q:v", "4", "-pix_fmt", "yuv420p", "-f", "mp4"]
    command += ["-movflags", "frag_keyframe+empty_moov", "pipe:1"]
    return _run(command, b"".join(frames))


def reencode(data: bytes, width: int, fmt: str = "matroska", quality: int = 12) -> bytes:
    """``data`` scaled to ``width`` (height kept in proportion) and encoded again, lossier,
    in another container."""
    command = ["ffmpeg", "-v", "error", "-f", "mp4", "-i", "pipe:0", "-vf", f"scale={width}:-2"]
    command += ["-c:v", "mpeg4", "-q:v", str(quality), "-f", fmt, "pipe:1"]
    return _run(command, data)
