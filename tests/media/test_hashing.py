"""Hashing images and files, checking hash values, canonical URLs, the label taxonomy."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image, ImageOps

from ictd.media import canonical_url, check_labels, file_digests, hash_image, normalise_value
from ictd.media.pdq import MediaLimits, pdq_distance
from tests.media.images import encode, picture


def test_the_same_image_in_two_formats_hashes_within_a_few_bits() -> None:
    image = picture(1)
    png = hash_image(encode(image))
    jpeg = hash_image(encode(image, "JPEG", quality=60))
    assert png.quality >= 50
    assert len(png.hex) == 64
    assert pdq_distance(png.hex, jpeg.hex) <= 16


def test_different_images_are_far_apart_and_a_mirror_is_a_new_hash() -> None:
    first, second = hash_image(encode(picture(1))), hash_image(encode(picture(2)))
    assert pdq_distance(first.hex, second.hex) > 64
    mirrored = hash_image(encode(ImageOps.mirror(picture(1))))
    assert pdq_distance(first.hex, mirrored.hex) > 31


def test_a_flat_image_has_low_quality() -> None:
    assert hash_image(encode(Image.new("RGB", (200, 200), (40, 90, 200)))).quality < 50


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"hello, this is text and not an image", "not an image"),
        (encode(picture(3))[:300], "corrupt or truncated"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        hash_image(data)


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    # a 20000 × 20000 PNG compresses to a few hundred kilobytes; it is refused unread
    big = io.BytesIO()
    Image.new("1", (20000, 20000)).save(big, "PNG")
    with pytest.raises(ValueError, match="more than 1000000 pixels"):
        hash_image(big.getvalue(), MediaLimits(max_pixels=1_000_000))


def test_a_file_over_the_byte_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="larger than 100 bytes"):
        hash_image(encode(picture(4)), MediaLimits(max_bytes=100))


def test_unsupported_formats_are_refused() -> None:
    pdf = io.BytesIO()
    picture(5).save(pdf, "PDF")
    with pytest.raises(ValueError, match="supported format"):
        hash_image(pdf.getvalue())


def test_file_digests() -> None:
    assert file_digests(b"abc") == {
        "md5": "900150983cd24fb0d6963f7d28e17f72",
        "sha256": hashlib.sha256(b"abc").hexdigest(),
    }


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM:443/a/B?utm_source=x&id=3#frag", "https://example.com/a/B?id=3"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x?fbclid=1&gclid=2&UTM_medium=3", "http://example.com:8080/x"),
        ("https://t.me/s/chan?before=10&q=a%2fb", "https://t.me/s/chan?before=10&q=a%2Fb"),
        ("  https://example.org./p  ", "https://example.org/p"),
    ],
)
def test_urls_are_canonical(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.com/file",
        "data:text/html,hi",
        "file:///etc/passwd",
        "https://",
        "https://user:pw@example.com/",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "",
    ],
)
def test_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(url)


def test_values_are_checked_per_kind() -> None:
    assert normalise_value("md5", " 900150983CD24FB0D6963F7D28E17F72 ") == (
        "900150983cd24fb0d6963f7d28e17f72"
    )
    assert normalise_value("pdq", "F" * 64) == "f" * 64
    for kind, value in [("pdq", "abc"), ("md5", "z" * 32), ("sha256", "0" * 63), ("vpdq", "x")]:
        with pytest.raises(ValueError):
            normalise_value(kind, value)


def test_labels_come_from_the_taxonomy() -> None:
    assert check_labels(["Recruitment", "lang:ar", "recruitment", "type:video"]) == [
        "lang:ar",
        "recruitment",
        "type:video",
    ]
    with pytest.raises(ValueError, match="not a label"):
        check_labels(["cats"])
