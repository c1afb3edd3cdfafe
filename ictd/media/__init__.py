"""Media signals, the pure engine: hashes of images, videos and files, canonical URLs, and
the PDQ near-neighbour index.

Hashes images with PDQ (``pdqhash``; Pillow decodes under size limits; the eight dihedral
variants for queries), videos as the PDQ hashes of frames sampled once a second (the
``ffmpeg`` program decodes them), files with MD5 and SHA-256; canonicalises URLs, checks
submitted hash values, holds the label taxonomy and searches PDQ hashes in Hamming space
(multi-index hashing, compiled: ``_mih.c``). No store or network: bytes come in, values go
out; raw media is never kept. May import ``ictd.model`` and ``ictd.exc``.
"""

from ictd.media.digest import file_digests
from ictd.media.files import FileHashes, hash_file
from ictd.media.index import PdqIndex
from ictd.media.pdq import MediaLimits, PdqHash, hash_image
from ictd.media.signal import NEAR_KINDS, SIGNAL_KINDS, normalise_value
from ictd.media.taxonomy import LABELS, TAXONOMY_VERSION, check_labels
from ictd.media.url import canonical_url, url_digest
from ictd.media.video import compare_frames, hash_video

__all__ = [
    "LABELS",
    "NEAR_KINDS",
    "SIGNAL_KINDS",
    "TAXONOMY_VERSION",
    "FileHashes",
    "MediaLimits",
    "PdqHash",
    "PdqIndex",
    "canonical_url",
    "check_labels",
    "compare_frames",
    "file_digests",
    "hash_file",
    "hash_image",
    "hash_video",
    "normalise_value",
    "url_digest",
]
