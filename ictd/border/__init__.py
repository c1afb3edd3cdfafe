"""Border data: airline manifests (PAXLST, PNRGOV), machine-readable zones, the register of
lost and stolen travel documents, and agencies' risk rules — the pure engine.

Owns the EDIFACT syntax and envelope, the segment mapping of PAXLST and PNRGOV to
``ictd.model`` manifests, ICAO 9303 MRZ reading, document-number normalisation and the
compact in-memory document index, the risk-rule language (lexer, parser, type checker,
evaluator with explanations) and the synthetic message generator. Does no I/O: no store,
network, files or environment. May import ``ictd.model``, ``ictd.exc``, ``ictd.demo``
(names for synthetic messages), the standard library and numpy.
"""

from ictd.border.document_key import (
    DocumentIndex,
    DocumentKey,
    document_key,
    normalize_document_number,
    normalize_document_type,
)
from ictd.border.envelope import Rejection
from ictd.border.interchange import ParseOutcome, parse_interchange, parse_paxlst, parse_pnrgov
from ictd.border.movement import movement_fields, movement_key
from ictd.border.mrz import MrzReading, check_digit, parse_mrz
from ictd.border.names import parse_mrz_name, to_mrz_name, traveller_name
from ictd.border.rules import CompiledRule, Facts, RuleResult, compile_rule, facts_of
from ictd.border.synthetic import SyntheticFlight, generate_flights
from ictd.border.synthetic_traveller import PlantedTraveller
from ictd.border.transliteration import mrz_transliterate

__all__ = [
    "CompiledRule",
    "DocumentIndex",
    "DocumentKey",
    "Facts",
    "MrzReading",
    "ParseOutcome",
    "PlantedTraveller",
    "Rejection",
    "RuleResult",
    "SyntheticFlight",
    "check_digit",
    "compile_rule",
    "document_key",
    "facts_of",
    "generate_flights",
    "movement_fields",
    "movement_key",
    "mrz_transliterate",
    "normalize_document_number",
    "normalize_document_type",
    "parse_interchange",
    "parse_mrz",
    "parse_mrz_name",
    "parse_paxlst",
    "parse_pnrgov",
    "to_mrz_name",
    "traveller_name",
]
