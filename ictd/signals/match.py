"""Matching hashes and files against the media signals an agency may see.

Exact kinds (MD5, SHA-256, URL) are looked up by digest in the store. PDQ hashes and video
frame hashes are searched in two ``PdqIndex``es (every PDQ signal; every frame of every
video signal) held per store. The indexes follow the store: when its ``stamp`` moves, the
signals added since are appended (``PdqIndex.add``, no rebuild); only when the count of
signals shows one the follower missed (a transaction that committed a lower id late) is
the index built again. Status changes (quarantine, review, withdrawal) need nothing: the
signals found are loaded and only active ones, shared with the caller's agency, match.

An image query is searched with its eight dihedral PDQ hashes (turned by 90°, 180°, 270°,
mirrored, flipped), so rotated and mirrored copies match; the match says which. A video
matches a video signal when the shares of query frames and of the signal's frames within
the distance of the other side both reach ``video_match`` (vPDQ's query and compared match).
Every match call is audited; a partner's match on a signal attributed to a listed
organisation raises a ``media`` alert to the signal's owner.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ictd.exc import ErrorCollector, InvalidInput
from ictd.media import NEAR_KINDS, PdqIndex, compare_frames, hash_file, normalise_value
from ictd.media.pdq import MIN_QUALITY
from ictd.model.media import MediaSignal, SignalStatus
from ictd.outbox.writer import AlertWriter, NewAlert
from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, require
from ictd.signals.access import agency_of, shared_with_agency
from ictd.signals.config import MediaConfig
from ictd.signals.service import MAX_BATCH, digest_of
from ictd.store import Session, Store

__all__ = ["TURNS", "MatchQuery", "match_media", "near_indexes"]

Pairs = list[tuple[str, str]]  # (kind, value) hashes of one query
TURNS = (
    None,
    "rotated 90° clockwise",
    "rotated 180°",
    "rotated 90° anticlockwise",
    "flipped top to bottom",
    "mirrored",
    "transposed",
    "transversed",
)
"""How the query image differs from the signal it matched through each of pdqhash's
dihedral hashes of the query (the first is the query itself): the hash of the query turned
90° anticlockwise matches a signal of which the query is a copy turned 90° clockwise."""


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """A hash (``kind`` and ``value``), a URL (kind ``url``) or a file (``data``)."""

    kind: str | None = None
    value: str | None = None
    data: bytes | None = None
    name: str | None = None


@dataclass(slots=True)
class _Held:
    """A store's near-neighbour indexes and how far they follow it."""

    stamp: Any
    top: int  # highest signal id taken in
    count: int  # signals (of every kind) with an id up to ``top``
    indexes: dict[str, PdqIndex]


_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[Store, _Held] = weakref.WeakKeyDictionary()


def _take(indexes: dict[str, PdqIndex], rows: list[tuple[int, str, str]]) -> None:
    for kind in NEAR_KINDS:
        values, ids = [], []
        for signal_id, row_kind, value in rows:
            if row_kind == kind:
                frames = value.split(",")
                values += frames
                ids += [signal_id] * len(frames)
        indexes[kind].add_hex(values, ids)


def near_indexes(store: Store, session: Session) -> dict[str, PdqIndex]:
    """The PDQ and video-frame indexes of ``store``, brought up to date with its signals."""
    stamp = (store.generation, *session.media_signals.stamp())
    _, count, top, _ = stamp
    with _LOCK:
        held = _INDEXES.get(store)
        if held is not None and held.stamp == stamp:
            return held.indexes
        if (
            held is not None
            and held.stamp[0] == stamp[0]  # the store was not emptied since
            and held.count + session.media_signals.count_after(held.top) == count
        ):
            rows = [r for r in session.media_signals.hash_rows(held.top) if r[0] <= top]
            _take(held.indexes, rows)
            held.stamp, held.top, held.count = stamp, top, count
            return held.indexes
        rows = [r for r in session.media_signals.hash_rows(0) if r[0] <= top]
        empty = np.zeros((0, 4), dtype=np.uint64)
        indexes = {kind: PdqIndex(empty, np.zeros(0, dtype=np.int64)) for kind in NEAR_KINDS}
        _take(indexes, rows)
        _INDEXES[store] = _Held(stamp, top, count, indexes)
        return indexes


@dataclass(frozen=True, slots=True)
class _Query:
    pairs: Pairs
    turns: tuple[str, ...] = ()  # an image's dihedral hashes, itself first


def _hashes(query: MatchQuery, config: MediaConfig, at: str, errors: ErrorCollector) -> _Query:
    """The (kind, value) pairs a query stands for."""
    if query.data is not None:
        try:
            hashed = hash_file(query.data, config.limits, variants=True)
        except ValueError as problem:
            errors.add(f"{at}.file", str(problem))
            return _Query([])
        if hashed.quality is not None and hashed.quality < MIN_QUALITY:
            errors.add(
                f"{at}.file", f"the image has too little detail (PDQ quality {hashed.quality})"
            )
            return _Query([])
        pairs = [(hashed.kind, hashed.value), ("md5", hashed.md5), ("sha256", hashed.sha256)]
        return _Query(pairs, hashed.variants)
    try:
        return _Query([(query.kind or "", normalise_value(query.kind or "", query.value or ""))])
    except ValueError as problem:
        errors.add(f"{at}.value", str(problem))
        return _Query([])


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
        found = _find(store, session, agency, hashed, conf)
        signals = {s.id: s for pairs in found for s, _, _ in pairs}
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
            "hashes": [{"kind": k, "value": v} for k, v in hashed[i].pairs],
            "matches": [
                {**_describe(s, d, counts[s.id], attribution.get(s.subject_id)), **extra}
                for s, d, extra in pairs
            ],
        }
        for i, pairs in enumerate(found)
    ]


Found = list[tuple[MediaSignal, int, dict[str, Any]]]  # signal, distance, what else to say


def _find(
    store: Store, session: Session, agency: str, hashed: list[_Query], config: MediaConfig
) -> list[Found]:
    radius = config.max_distance
    exact = [(k, digest_of(k, v)) for q in hashed for k, v in q.pairs if k not in NEAR_KINDS]
    by_digest: dict[tuple[str, str], list[MediaSignal]] = {}
    for signal in session.media_signals.exact(exact, agency):
        by_digest.setdefault((signal.kind, signal.digest), []).append(signal)
    near: list[dict[int, tuple[int, dict[str, Any]]]] = [{} for _ in hashed]
    if any(k in NEAR_KINDS for q in hashed for k, _ in q.pairs):
        indexes = near_indexes(store, session)
        for i, query in enumerate(hashed):
            for kind, value in query.pairs:
                if kind == "pdq":
                    near[i].update(_near_image(indexes["pdq"], value, query.turns, radius))
                elif kind == "video":
                    near[i].update(_near_video(indexes["video"], value, radius))
    wanted = sorted({i for found in near for i in found})
    loaded = {i: session.media_signals.get(i) for i in wanted}
    out: list[Found] = []
    for i, query in enumerate(hashed):
        best: dict[int, tuple[MediaSignal, int, dict[str, Any]]] = {}
        hits: list[tuple[MediaSignal | None, int, dict[str, Any]]] = [
            (loaded[j], d, extra) for j, (d, extra) in near[i].items()
        ]
        for kind, value in query.pairs:
            if kind not in NEAR_KINDS:
                hits += [(s, 0, {}) for s in by_digest.get((kind, digest_of(kind, value)), [])]
        for candidate, distance, extra in hits:
            if candidate is None or candidate.status is not SignalStatus.ACTIVE:
                continue
            if not shared_with_agency(candidate, agency):
                continue
            if candidate.kind == "video":
                share = compare_frames(value_frames(query), candidate.value.split(","), radius)
                if min(share[0], share[1]) < config.video_match:
                    continue
                distance = share[2]
                extra = {"query_match": round(share[0], 3), "compared_match": round(share[1], 3)}
            if candidate.id not in best or distance < best[candidate.id][1]:
                best[candidate.id] = (candidate, distance, extra)
        out.append(sorted(best.values(), key=lambda x: (x[1], x[0].id)))
    return out


def value_frames(query: _Query) -> list[str]:
    """The frame hashes of a video query."""
    return next((v.split(",") for k, v in query.pairs if k == "video"), [])


def _near_image(
    index: PdqIndex, value: str, turns: tuple[str, ...], radius: int
) -> dict[int, tuple[int, dict[str, Any]]]:
    """Signal id -> (distance, how the query was turned) of PDQ signals near the image's
    hash or one of its dihedral hashes, the nearest kept."""
    out: dict[int, tuple[int, dict[str, Any]]] = {}
    for turn, hex_hash in enumerate(turns or (value,)):
        for signal_id, distance in index.search(hex_hash, radius):
            if signal_id not in out or distance < out[signal_id][0]:
                out[signal_id] = (distance, {"transform": TURNS[turn]} if turn else {})
    return out


def _near_video(index: PdqIndex, value: str, radius: int) -> dict[int, tuple[int, dict[str, Any]]]:
    """Video signals with some frame near some frame of the query (checked further by
    comparing the frame sets)."""
    out: dict[int, tuple[int, dict[str, Any]]] = {}
    for frame in value.split(","):
        for signal_id, distance in index.search(frame, radius):
            if signal_id not in out or distance < out[signal_id][0]:
                out[signal_id] = (distance, {})
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
    found: list[Found],
    config: MediaConfig,
    now: datetime,
) -> None:
    """A ``media`` alert to the owner of each attributed signal a partner matched (once per
    signal, partner and day)."""
    nearest = {s.id: d for pairs in found for s, d, _ in sorted(pairs, key=lambda x: -x[1])}
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
