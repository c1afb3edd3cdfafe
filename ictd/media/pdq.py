"""PDQ hashes of images: decode with Pillow under size limits, hash with ``pdqhash``.

A PDQ hash is 256 bits, written as 64 hex digits (the first digit holds the first four
bits); its quality (0–100) says how much structure the image has. Images of quality below
``MIN_QUALITY`` (flat colours, tiny images) give hashes that match too much and are refused,
as ThreatExchange does. Decoding is bounded: at most ``max_bytes`` of input and
``max_pixels`` pixels (checked from the header, before anything is decoded, so a
decompression bomb is refused unread); only common still-image formats are opened.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pdqhash
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = [
    "FORMATS",
    "MIN_QUALITY",
    "MediaLimits",
    "PdqHash",
    "hash_image",
    "hex_to_words",
    "pdq_distance",
]

MIN_QUALITY = 50
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF")
WORK_SIDE = 512  # larger images are reduced to this side before hashing (PDQ works at 64×64)
_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class MediaLimits:
    """What an upload may be: its size in bytes and its pixel count."""

    max_bytes: int = 20_000_000
    max_pixels: int = 40_000_000


@dataclass(frozen=True, slots=True)
class PdqHash:
    hex: str
    quality: int


def check_pdq_hex(value: str) -> str:
    """``value`` as 64 lower-case hex digits; ``ValueError`` if it is not a PDQ hash."""
    text = value.strip().lower()
    if not _HEX.match(text):
        raise ValueError("a PDQ hash is 64 hexadecimal digits")
    return text


def hex_to_words(values: list[str]) -> np.ndarray:
    """PDQ hex strings as an ``(n, 4)`` array of ``uint64`` (first word holds the first bits)."""
    raw = bytes.fromhex("".join(values))
    return np.frombuffer(raw, dtype=">u8").astype(np.uint64).reshape(len(values), 4)


def pdq_distance(first: str, second: str) -> int:
    """The Hamming distance of two PDQ hashes (hex)."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


def bits_to_hex(bits: np.ndarray) -> str:
    packed = np.packbits(np.asarray(bits, dtype=np.uint8))
    return packed.tobytes().hex()


def open_image(data: bytes, limits: MediaLimits) -> Image.Image:
    """Decode ``data`` as an RGB image within ``limits``; ``ValueError`` says why not."""
    if not data:
        raise ValueError("the file is empty")
    if len(data) > limits.max_bytes:
        raise ValueError(f"the file is larger than {limits.max_bytes} bytes")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = opened.size
            if width * height > limits.max_pixels:
                raise ValueError(f"the image has more than {limits.max_pixels} pixels")
            if width < 1 or height < 1:
                raise ValueError("the image has no pixels")
            opened.draft("RGB", (WORK_SIDE, WORK_SIDE))
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except UnidentifiedImageError:
        raise ValueError(f"not an image in a supported format ({', '.join(FORMATS)})") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError(f"the image has more than {limits.max_pixels} pixels") from None
    except (OSError, SyntaxError, EOFError) as problem:
        raise ValueError(f"the image is corrupt or truncated ({problem})") from None
    if max(image.size) > WORK_SIDE:
        image.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR)
    return image


def hash_pixels(image: Image.Image) -> PdqHash:
    """The PDQ hash and quality of an RGB image."""
    bits, quality = pdqhash.compute(np.asarray(image, dtype=np.uint8))
    return PdqHash(bits_to_hex(bits), int(quality))


def hash_image(data: bytes, limits: MediaLimits | None = None) -> PdqHash:
    """The PDQ hash of the image in ``data`` (any quality; callers refuse low quality)."""
    return hash_pixels(open_image(data, limits or MediaLimits()))
