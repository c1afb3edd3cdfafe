"""An uploaded file's hashes: an image's PDQ hash (and its eight dihedral variants, for
matching mirrored and rotated copies) or a video's frame hashes, and the file's MD5 and
SHA-256. The bytes are hashed and dropped."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pdqhash
from PIL import Image, UnidentifiedImageError

from ictd.media.digest import file_digests
from ictd.media.pdq import FORMATS, MediaLimits, bits_to_hex, hash_pixels, open_image
from ictd.media.video import CONTAINERS, hash_video

__all__ = ["FileHashes", "dihedral_hashes", "hash_file", "is_image"]


@dataclass(frozen=True, slots=True)
class FileHashes:
    """``kind`` is ``pdq`` (an image; ``quality`` its PDQ quality, ``variants`` the hashes
    of its eight rotations and mirrors, itself first) or ``video`` (``value`` its distinct
    frame hashes, joined by commas)."""

    kind: str
    value: str
    quality: int | None
    md5: str
    sha256: str
    variants: tuple[str, ...] = ()


def is_image(data: bytes) -> bool:
    """Whether Pillow recognises ``data`` as one of the still-image ``FORMATS``."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS):
            return True
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError, ValueError):
        return False


def dihedral_hashes(image: Image.Image) -> tuple[str, ...]:
    """PDQ hashes of the image turned by 0, 90, 180 and 270 degrees and of its mirror images
    (pdqhash's dihedral transforms of one DCT), the untouched image first."""
    bits, _ = pdqhash.compute_dihedral(np.asarray(image, dtype=np.uint8))
    return tuple(bits_to_hex(b) for b in bits)


def hash_file(data: bytes, limits: MediaLimits, variants: bool = False) -> FileHashes:
    """The hashes of an image or video file; ``ValueError`` says why there are none.
    ``variants``: also the dihedral hashes of an image (for queries)."""
    if not data:
        raise ValueError("the file is empty")
    digests = file_digests(data)
    if is_image(data):
        image = open_image(data, limits)
        pdq = hash_pixels(image)
        turned = dihedral_hashes(image) if variants else ()
        return FileHashes("pdq", pdq.hex, pdq.quality, digests["md5"], digests["sha256"], turned)
    try:
        video = hash_video(data, limits)
    except ValueError as problem:
        if "supported format" in str(problem):
            raise ValueError(
                f"not an image or a video in a supported format (images: {', '.join(FORMATS)}; "
                f"videos: {CONTAINERS.replace(',', ', ')}), or the file is corrupt"
            ) from None
        raise
    return FileHashes("video", video.value, None, digests["md5"], digests["sha256"])
