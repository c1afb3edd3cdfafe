"""The matching engine: multilingual, explained, calibrated scoring of queries against subjects.

Owns name normalisation and transliteration, per-part keys, the in-memory ``MatchIndex``, the
feature functions and the calibrated scorer. Pure: no database, files, network or environment.
May import only ``ictd.model``, ``ictd.exc``, the standard library, numpy, rapidfuzz, PyICU
and cutlet (Japanese readings, with its MeCab dictionary).

>>> rec = record_from_subject(subject)                  # doctest: +SKIP
>>> index = MatchIndex.build([rec])                     # doctest: +SKIP
>>> index.search(Query("q1", names=("Osama bin Laden",)))  # doctest: +SKIP
"""

from ictd.matching.compare import name_similarity, part_similarity
from ictd.matching.index import MatchIndex
from ictd.matching.name import normalize_name, parse_name
from ictd.matching.record import (
    Identifier,
    IndexRecord,
    Query,
    QueryIdentifier,
    record_from_subject,
)
from ictd.matching.result import Feature, Match
from ictd.matching.scorer import DEFAULT_THRESHOLD, score_pair
from ictd.matching.weights import WEIGHTS

__all__ = [
    "DEFAULT_THRESHOLD",
    "WEIGHTS",
    "Feature",
    "Identifier",
    "IndexRecord",
    "Match",
    "MatchIndex",
    "Query",
    "QueryIdentifier",
    "name_similarity",
    "normalize_name",
    "parse_name",
    "part_similarity",
    "record_from_subject",
    "score_pair",
]
