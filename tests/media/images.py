"""Images made in the test (the generator of the media benchmarks)."""

from ictd.bench.media_images import encode, picture

__all__ = ["encode", "picture"]
