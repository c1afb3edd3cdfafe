"""OpenSanctions' ``nomenklatura`` ``logic-v2`` matcher, run on the same queries as a comparison.

Never our matcher: it is imported only here, only by ``ictd eval --compare``, and only when the
``bench`` extra is installed. Subjects and queries become FollowTheMoney entities
(``model.make_entity``); each query is scored against a candidate set — our index's first
``depth`` answers plus the true subject — and ranked by logic-v2's score. Its threshold is
yente's default, ``0.7``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ictd.bench.eval_metrics import Ranked
from ictd.exc import IctdError
from ictd.matching import IndexRecord, Query

__all__ = ["LOGIC_V2_THRESHOLD", "LogicV2Runner", "nomenklatura_version"]

LOGIC_V2_THRESHOLD = 0.7
"""yente's default match threshold, used for logic-v2's precision, recall and FPR."""


def nomenklatura_version() -> str:
    """The installed nomenklatura version; ``IctdError`` with a clear message when missing."""
    try:
        from importlib.metadata import version

        import nomenklatura.matching  # noqa: F401  (checks that the package imports)
    except ImportError:
        raise IctdError(
            "--compare needs OpenSanctions' nomenklatura, which is not installed; "
            "install the bench extra: pip install 'ictd[bench]'"
        ) from None
    return version("nomenklatura")


def _schema(schema: str | None) -> str:
    return "Person" if schema in (None, "Person") else "Organization"


def _entity(entity_id: str, schema: str, names: Iterable[str], **props: Iterable[str]) -> Any:
    from followthemoney import model

    entity = model.make_entity(schema)
    entity.id = entity_id
    for name in names:
        entity.add("name", name, quiet=True)
    for prop, values in props.items():
        if schema == "Person" or prop == "country":
            for value in values:
                entity.add(prop, value, quiet=True)
    return entity


class LogicV2Runner:
    """Ranks candidates by logic-v2 for one index (a set of ``IndexRecord``)."""

    def __init__(self, records: Iterable[IndexRecord]) -> None:
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig

        algorithm = get_algorithm("logic-v2")
        if algorithm is None:
            raise IctdError("this nomenklatura has no logic-v2 algorithm")
        self._algorithm = algorithm
        self._config = ScoringConfig.defaults()
        self._entities = {r.subject_id: self._record_entity(r) for r in records}

    @staticmethod
    def _record_entity(record: IndexRecord) -> Any:
        schema = _schema(record.schema)
        countries = [c.lower() for c in record.nationalities]
        return _entity(
            str(record.subject_id),
            schema,
            record.names,
            birthDate=record.birth_dates,
            nationality=countries if schema == "Person" else (),
            country=countries if schema != "Person" else (),
            gender=(record.gender,) if record.gender else (),
        )

    @staticmethod
    def _query_entity(query: Query) -> Any:
        schema = _schema(query.schema)
        countries = [c.lower() for c in query.nationalities]
        return _entity(
            query.id or "query",
            schema,
            query.names,
            birthDate=(query.birth_date,) if query.birth_date else (),
            nationality=countries if schema == "Person" else (),
            country=countries if schema != "Person" else (),
            gender=(query.gender,) if query.gender else (),
        )

    def rank(self, query: Query, candidates: Iterable[int]) -> Ranked:
        """``candidates`` (subject ids of this index) ranked by logic-v2's score of ``query``."""
        entity = self._query_entity(query)
        scored = []
        for sid in dict.fromkeys(candidates):
            held = self._entities.get(sid)
            if held is not None:
                result = self._algorithm.compare(entity, held, self._config)
                scored.append((sid, float(result.score)))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return tuple(scored)
