"""Synthetic pictures for the media benchmarks and tests: gradients, shapes, noise and text,
different for every seed, and the transformed copies platforms meet in practice."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageOps

__all__ = ["TRANSFORMS", "encode", "picture"]


def picture(seed: int, size: tuple[int, int] = (320, 240)) -> Image.Image:
    """A busy synthetic picture, different for each ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - deterministic test pictures, not secrets
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(rng.randrange(4, 12)):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(10, width // 2), y0 + rng.randrange(10, height // 2)
        fill = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice([draw.rectangle, draw.ellipse])
        shape([x0, y0, x1, y1], fill=fill)
    for _ in range(3):
        at = (rng.randrange(width - 40), rng.randrange(height - 12))
        draw.text(at, f"{rng.randrange(10**6)}", fill=(255, 255, 255))
    if seed % 3 == 0:  # every third picture carries sensor-like noise
        noise = np.random.default_rng(seed).normal(0, 12, (height, width, 3))
        pixels = np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255)
        image = Image.fromarray(pixels.astype(np.uint8))
    return image


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _crop(image: Image.Image) -> Image.Image:
    w, h = image.size
    return image.crop((w // 20, h // 20, w - w // 20, h - h // 20))


def _text(image: Image.Image) -> Image.Image:
    out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    draw.rectangle([0, h - 24, w, h], fill=(0, 0, 0))
    draw.text((8, h - 20), "SHARE BEFORE IT IS DELETED @channel", fill=(255, 255, 0))
    return out


def _shift(image: Image.Image) -> Image.Image:
    red, green, blue = image.split()
    return Image.merge(
        "RGB", (red.point(lambda v: min(255, v + 40)), green, blue.point(lambda v: v * 8 // 10))
    )


def _jpeg(image: Image.Image) -> Image.Image:
    return Image.open(io.BytesIO(encode(image, "JPEG", quality=50))).convert("RGB")


TRANSFORMS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "resize 50%": lambda im: im.resize((im.width // 2, im.height // 2)),
    "crop 10%": _crop,
    "JPEG quality 50": _jpeg,
    "rotate 5°": lambda im: im.rotate(5, resample=Image.Resampling.BILINEAR),
    "overlaid text": _text,
    "colour shift": _shift,
    "mirror": ImageOps.mirror,
    "rotate 90°": lambda im: im.rotate(90, expand=True),
    "flip top to bottom": ImageOps.flip,
}
"""The copies of the quality evaluation, by name."""
