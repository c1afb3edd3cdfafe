"""Media signals, the pure engine: hashes of images and files, canonical URLs, and the
PDQ near-neighbour index.

Hashes images with PDQ (``pdqhash``; Pillow decodes under size limits), files with MD5 and
SHA-256, canonicalises URLs, checks submitted hash values, holds the label taxonomy and
searches PDQ hashes in Hamming space (multi-index hashing over numpy arrays). No I/O: bytes
come in, values go out; raw media is never kept. May import ``ictd.model`` and ``ictd.exc``.
"""

from ictd.media.digest import file_digests
from ictd.media.index import PdqIndex
from ictd.media.pdq import MediaLimits, PdqHash, hash_image
from ictd.media.signal import SIGNAL_KINDS, normalise_value
from ictd.media.taxonomy import LABELS, TAXONOMY_VERSION, check_labels
from ictd.media.url import canonical_url, url_digest

__all__ = [
    "LABELS",
    "SIGNAL_KINDS",
    "TAXONOMY_VERSION",
    "MediaLimits",
    "PdqHash",
    "PdqIndex",
    "canonical_url",
    "check_labels",
    "file_digests",
    "hash_image",
    "normalise_value",
    "url_digest",
]
