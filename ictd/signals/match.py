"""Matching hashes and files against the media signals an agency may see.

Exact kinds (MD5, SHA-256, URL) are looked up by digest in the store. PDQ hashes are searched
in a ``PdqIndex`` of every active PDQ signal, held per store and rebuilt when the signals
change (the repository's ``stamp``), then filtered by sharing scope. Quarantined and
withdrawn signals never match. Every match call is audited; a partner's match on a signal
attributed to a listed organisation raises a ``media`` alert to the signal's owner.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput
from ictd.media import PdqIndex, file_digests, hash_image, normalise_value
from ictd.media.pdq import MIN_QUALITY
from ictd.model.media import MediaSignal, SignalStatus
from ictd.outbox.writer import AlertWriter, NewAlert
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, require
from ictd.signals.access import agency_of, shared_with_agency
from ictd.signals.config import MediaConfig
from ictd.signals.service import MAX_BATCH, digest_of
from ictd.store import Session, Store

__all__ = ["MatchQuery", "match_media", "pdq_index"]

Pairs = list[tuple[str, str]]  # (kind, value) hashes of one query


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """A hash (``kind`` and ``value``), a URL (kind ``url``) or a file (``data``)."""

    kind: str | None = None
    value: str | None = None
    data: bytes | None = None
    name: str | None = None


_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[Store, tuple[Any, PdqIndex]] = weakref.WeakKeyDictionary()


def pdq_index(store: Store, session: Session) -> PdqIndex:
    """The PDQ index of ``store``, rebuilt when its signals changed since it was built."""
    stamp = session.media_signals.stamp()
    with _LOCK:
        held = _INDEXES.get(store)
        if held is not None and held[0] == stamp:
            return held[1]
    rows = session.media_signals.pdq_rows()
    index = PdqIndex.from_hex([v for _, v in rows], [i for i, _ in rows])
    with _LOCK:
        _INDEXES[store] = (stamp, index)
    return index


def _hashes(query: MatchQuery, config: MediaConfig, at: str, errors: ErrorCollector) -> Pairs:
    """The (kind, value) pairs a query stands for."""
    if query.data is not None:
        try:
            pdq = hash_image(query.data, config.limits)
        except ValueError as problem:
            errors.add(f"{at}.file", str(problem))
            return []
        digests = file_digests(query.data)
        pairs = [("md5", digests["md5"]), ("sha256", digests["sha256"])]
        if pdq.quality < MIN_QUALITY:
            errors.add(f"{at}.file", f"the image has too little detail (PDQ quality {pdq.quality})")
            return []
        return [("pdq", pdq.hex), *pairs]
    try:
        return [(query.kind or "", normalise_value(query.kind or "", query.value or ""))]
    except ValueError as problem:
        errors.add(f"{at}.value", str(problem))
        return []


def match_media(
    store: Store,
    actor: Actor,
    queries: Sequence[MatchQuery],
    config: MediaConfig | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Per query: its hashes and the matching signals, nearest first, each with kind,
    distance, labels, handling, owner, attribution and feedback counts."""
    require(actor, Permission.MATCH_MEDIA)
    agency = agency_of(actor)
    conf = config or MediaConfig()
    if not 0 < len(queries) <= MAX_BATCH:
        raise InvalidInput.field("items", f"give 1 to {MAX_BATCH} hashes or files")
    errors = ErrorCollector()
    hashed = [_hashes(q, conf, f"items.{i}", errors) for i, q in enumerate(queries)]
    errors.raise_if_any("invalid media query")
    moment = now or datetime.now(UTC)
    with store.begin() as session:
        found = _find(store, session, agency, hashed, conf.max_distance)
        signals = {s.id: s for pairs in found for s, _ in pairs}
        counts = session.media_signals.feedback_counts(sorted(signals))
        attribution = _attribution(session, actor, list(signals.values()))
        session.audit.record(
            actor,
            "media.match",
            [f"media_signal:{i}" for i in sorted(signals)],
            queries=len(queries),
            matched=sum(1 for x in found if x),
        )
        _alert(session, actor, agency, signals.values(), found, conf, moment)
    return [
        {
            "query": i,
            "name": queries[i].name,
            "hashes": [{"kind": k, "value": v} for k, v in hashed[i]],
            "matches": [
                _describe(s, d, counts[s.id], attribution.get(s.subject_id)) for s, d in pairs
            ],
        }
        for i, pairs in enumerate(found)
    ]


def _find(
    store: Store, session: Session, agency: str, hashed: list[Pairs], radius: int
) -> list[list[tuple[MediaSignal, int]]]:
    exact = [(k, digest_of(k, v)) for pairs in hashed for k, v in pairs if k != "pdq"]
    by_digest: dict[tuple[str, str], list[MediaSignal]] = {}
    for signal in session.media_signals.exact(exact, agency):
        by_digest.setdefault((signal.kind, signal.digest), []).append(signal)
    near: dict[str, list[tuple[int, int]]] = {}
    pdqs = {v for pairs in hashed for k, v in pairs if k == "pdq"}
    if pdqs:
        index = pdq_index(store, session)
        near = {v: index.search(v, radius) for v in pdqs}
    wanted = sorted({i for found in near.values() for i, _ in found})
    loaded = {i: session.media_signals.get(i) for i in wanted}
    out: list[list[tuple[MediaSignal, int]]] = []
    for pairs in hashed:
        best: dict[int, tuple[MediaSignal, int]] = {}
        for kind, value in pairs:
            hits: list[tuple[MediaSignal | None, int]]
            if kind == "pdq":
                hits = [(loaded[i], d) for i, d in near[value]]
            else:
                hits = [(s, 0) for s in by_digest.get((kind, digest_of(kind, value)), [])]
            for candidate, distance in hits:
                if candidate is None or candidate.status is not SignalStatus.ACTIVE:
                    continue
                if not shared_with_agency(candidate, agency):
                    continue
                if candidate.id not in best or distance < best[candidate.id][1]:
                    best[candidate.id] = (candidate, distance)
        out.append(sorted(best.values(), key=lambda x: (x[1], x[0].id)))
    return out


def _attribution(
    session: Session, actor: Actor, signals: list[MediaSignal]
) -> dict[int | None, dict[str, Any]]:
    """What the actor is told of each attributed organisation: id and name when it may read
    the subject in the registry, else only that a listed organisation is behind it."""
    ids = sorted({s.subject_id for s in signals if s.subject_id is not None})
    if not ids:
        return {}
    subjects = {s.id: s for s in session.subjects.get_many(ids)}
    listings = session.listings.of_subjects(ids)
    out: dict[int | None, dict[str, Any]] = {}
    for subject_id in ids:
        subject = subjects.get(subject_id)
        if subject is not None and can_read_subject(actor, subject, listings):
            out[subject_id] = {"subject_id": subject_id, "name": subject.caption}
        else:
            out[subject_id] = {"listed_organisation": True, "details_withheld": True}
    return out


def _describe(
    signal: MediaSignal, distance: int, counts: dict[str, int], attribution: Any
) -> dict[str, Any]:
    return {
        "signal_id": signal.id,
        "kind": signal.kind,
        "distance": distance,
        "labels": list(signal.labels),
        "taxonomy": signal.taxonomy,
        "owner": signal.agency,
        "handling": signal.handling.value,
        "platform": signal.platform,
        "attribution": attribution,
        "feedback": counts,
    }


def _alert(
    session: Session,
    actor: Actor,
    agency: str,
    signals: Any,
    found: list[list[tuple[MediaSignal, int]]],
    config: MediaConfig,
    now: datetime,
) -> None:
    """A ``media`` alert to the owner of each attributed signal a partner matched (once per
    signal, partner and day)."""
    nearest = {s.id: d for pairs in found for s, d in sorted(pairs, key=lambda x: -x[1])}
    alerts = [
        NewAlert(
            kind="media",
            agency=s.agency,
            reporter=agency,
            category=None,
            actions=(),
            handling=s.handling.value,
            origin="media",
            subject_id=s.subject_id,
            dedupe_key=f"media:{agency}:{s.id}:{now.date().isoformat()}",
            detail={
                "signal_id": s.id,
                "kind": s.kind,
                "distance": nearest[s.id],
                "labels": list(s.labels),
                "matched_by": {"agency": agency, "user": actor.name},
                "matched_at": now.isoformat(),
            },
        )
        for s in sorted(signals, key=lambda x: x.id)
        if s.subject_id is not None and s.agency != agency
    ]
    if alerts:
        AlertWriter(session, config.alerts, now).raise_many(alerts)
