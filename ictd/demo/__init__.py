"""Deterministic synthetic data for demos, benchmarks and evaluation.

Owns the name tables of several naming cultures (``cultures/``), the assembly of
multilingual person and organisation names, and the generator of subjects with listings
and relations. Imports only ``ictd.model``; does no I/O except ``write_jsonl`` and
``read_jsonl``.

>>> from ictd.demo import generate
>>> first = next(generate(1, seed=7))
>>> first.key
'syn-0'
"""

from ictd.demo.generator import BLOCK_SIZE, generate
from ictd.demo.jsonl import read_jsonl, write_jsonl
from ictd.demo.listings import DEMO_AGENCIES
from ictd.demo.record import SyntheticListing, SyntheticRelation, SyntheticSubject

__all__ = [
    "BLOCK_SIZE",
    "DEMO_AGENCIES",
    "SyntheticListing",
    "SyntheticRelation",
    "SyntheticSubject",
    "generate",
    "read_jsonl",
    "write_jsonl",
]
