"""Deterministic synthetic data for demos, benchmarks and evaluation.

Owns the name tables of several naming cultures (``cultures/``), the assembly of
multilingual person and organisation names, and the generator of subjects with listings
and relations. Does no I/O except ``write_jsonl`` and ``read_jsonl`` (files) and
``load_synthetic`` (writes a generated set into a store for ``ictd demo``).

>>> from ictd.demo import generate
>>> first = next(generate(1, seed=7))
>>> first.key
'syn-0'
"""

from ictd.demo.generator import BLOCK_SIZE, generate
from ictd.demo.jsonl import read_jsonl, write_jsonl
from ictd.demo.listings import DEMO_AGENCIES
from ictd.demo.load import load_synthetic
from ictd.demo.synthetic import SyntheticListing, SyntheticRelation, SyntheticSubject

__all__ = [
    "BLOCK_SIZE",
    "DEMO_AGENCIES",
    "STORE_READS",
    "STORE_WRITES",
    "SyntheticListing",
    "SyntheticRelation",
    "SyntheticSubject",
    "generate",
    "load_synthetic",
    "read_jsonl",
    "write_jsonl",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("subjects", "listings", "relations")
"""Repositories of this capability: read and written here."""
STORE_READS = ()
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
