"""Submitting media signals and reading them: hashes, uploads hashed in memory, URLs.

A signal belongs to the submitting agency; submitting the same value again only moves its
``last_seen``. Labels come from the taxonomy of ``ictd.media.taxonomy``. Attribution names a
listed organisation (a subject of schema Organization with a listing in force) that the
submitter may read; platforms never read the registry and so never attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ictd.exc import ErrorCollector, Forbidden, InvalidInput, NotFound
from ictd.media import TAXONOMY_VERSION, check_labels, hash_file, normalise_value
from ictd.media.digest import file_digests
from ictd.media.pdq import MIN_QUALITY, MediaLimits
from ictd.media.url import url_digest
from ictd.model import ListingStatus, Schema
from ictd.model.listing import Handling, Sharing
from ictd.model.media import MediaSignal, SignalStatus
from ictd.model.text import text_problem
from ictd.security.actor import Actor
from ictd.security.policy import (
    Permission,
    can,
    can_read_subject,
    require,
    require_read_subject,
)
from ictd.signals.access import agency_of, load_visible, require_owner, shown
from ictd.store import Session, Store

__all__ = [
    "MAX_BATCH",
    "SignalInput",
    "get_signal",
    "hash_upload",
    "list_signals",
    "signals_of_organisation",
    "submit_signals",
    "update_signal",
]

MAX_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class SignalInput:
    kind: str
    value: str
    labels: Sequence[str] = ()
    quality: int | None = None
    subject_id: int | None = None
    platform: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    sharing: str = Sharing.ALL.value
    shared_with: Sequence[str] = ()
    handling: str = Handling.H1.value


def hash_upload(data: bytes, template: SignalInput, limits: MediaLimits) -> list[SignalInput]:
    """The signals of an uploaded image (PDQ, MD5, SHA-256) or video (its frame hashes,
    MD5, SHA-256), with ``template``'s labels and provenance; the bytes are not kept.
    Refused: other files, files over the limits, corrupt ones, and images whose PDQ quality
    is below ``MIN_QUALITY`` (videos without a frame of that quality)."""
    try:
        hashed = hash_file(data, limits)
    except ValueError as problem:
        raise InvalidInput.field("file", str(problem)) from None
    if hashed.quality is not None and hashed.quality < MIN_QUALITY:
        raise InvalidInput.field(
            "file",
            f"the image has too little detail to hash (PDQ quality {hashed.quality} < 50)",
        )
    return [
        replace(template, kind=hashed.kind, value=hashed.value, quality=hashed.quality),
        replace(template, kind="md5", value=hashed.md5, quality=None),
        replace(template, kind="sha256", value=hashed.sha256, quality=None),
    ]


def digest_of(kind: str, value: str) -> str:
    """What exact matching compares: the value, or the SHA-256 of a canonical URL or of a
    video's frame hashes."""
    if kind == "url":
        return url_digest(value)
    if kind == "video":
        return file_digests(value.encode())["sha256"]
    return value


def _prepare(item: SignalInput, errors: ErrorCollector, at: str) -> dict[str, Any] | None:
    try:
        value = normalise_value(item.kind, item.value)
    except ValueError as problem:
        errors.add(f"{at}.value" if item.kind != "url" else f"{at}.url", str(problem))
        return None
    values: dict[str, Any] = {"kind": item.kind, "value": value}
    values["digest"] = digest_of(item.kind, value)
    try:
        values["labels"] = tuple(check_labels(item.labels))
    except ValueError as problem:
        errors.add(f"{at}.labels", str(problem))
    if item.quality is not None and not 0 <= item.quality <= 100:
        errors.add(f"{at}.quality", "give 0 to 100")
    elif item.quality is not None and item.quality < MIN_QUALITY:
        errors.add(f"{at}.quality", f"PDQ hashes of quality below {MIN_QUALITY} are refused")
    values["quality"] = item.quality if item.kind == "pdq" else None
    if item.platform is not None:
        bad = text_problem(item.platform)
        if bad or not 0 < len(item.platform.strip()) <= 100:
            errors.add(f"{at}.platform", bad or "give 1 to 100 characters")
    if item.sharing not in {s.value for s in Sharing}:
        errors.add(f"{at}.sharing", "must be one of own, named, all")
    if item.handling not in {h.value for h in Handling}:
        errors.add(f"{at}.handling", "must be one of H0, H1, H2, H3")
    if item.first_seen and item.last_seen and item.first_seen > item.last_seen:
        errors.add(f"{at}.last_seen", "must not be before first_seen")
    return values


def _check_attribution(session: Session, actor: Actor, subject_ids: set[int]) -> None:
    if not subject_ids:
        return
    if not can(actor, Permission.READ_RECORDS):
        raise Forbidden("your roles do not allow attributing signals to registry records")
    subjects = {s.id: s for s in session.subjects.get_many(sorted(subject_ids))}
    listings = session.listings.of_subjects(sorted(subject_ids))
    for subject_id in sorted(subject_ids):
        subject = subjects.get(subject_id)
        if subject is None or not can_read_subject(actor, subject, listings):
            raise InvalidInput.field("subject_id", f"subject {subject_id} does not exist")
        listed = any(
            x.subject_id == subject_id and x.status is ListingStatus.ACTIVE for x in listings
        )
        if subject.schema is not Schema.ORGANIZATION or not listed:
            raise InvalidInput.field(
                "subject_id", f"subject {subject_id} is not a listed organisation"
            )


def submit_signals(
    store: Store, actor: Actor, items: Sequence[SignalInput], now: datetime | None = None
) -> list[dict[str, Any]]:
    """Store the signals for the actor's agency (all or none); each answer says whether the
    signal is new (``created``) or was already held (its ``last_seen`` moves on)."""
    require(actor, Permission.SUBMIT_MEDIA)
    if not 0 < len(items) <= MAX_BATCH:
        raise InvalidInput.field("items", f"give 1 to {MAX_BATCH} signals")
    errors = ErrorCollector()
    prepared = [_prepare(item, errors, f"items.{i}") for i, item in enumerate(items)]
    errors.raise_if_any("invalid media signal")
    moment = now or datetime.now(UTC)
    out: list[dict[str, Any]] = []
    with store.begin() as session:
        _check_attribution(session, actor, {x.subject_id for x in items if x.subject_id})
        for item, values in zip(items, prepared, strict=True):
            assert values is not None
            out.append(_store_one(session, actor, item, values, moment))
        session.audit.record(
            actor,
            "media.signal.submit",
            [f"media_signal:{x['id']}" for x in out],
            created=sum(1 for x in out if x["created"]),
        )
        return shown(session, actor, out)


def _store_one(
    session: Session, actor: Actor, item: SignalInput, values: dict[str, Any], now: datetime
) -> dict[str, Any]:
    found = session.media_signals.find(agency_of(actor), values["kind"], values["digest"])
    seen = item.last_seen or now
    if found is not None:
        later = max(found.last_seen or seen, seen)
        return {
            **session.media_signals.update(found.id, last_seen=later).to_dict(),
            "created": False,
        }
    row = {
        **values,
        "agency": agency_of(actor),
        "taxonomy": TAXONOMY_VERSION,
        "subject_id": item.subject_id,
        "platform": item.platform.strip() if item.platform else None,
        "first_seen": item.first_seen or seen,
        "last_seen": seen,
        "sharing": item.sharing,
        "shared_with": tuple(sorted(set(item.shared_with))),
        "handling": item.handling,
        "status": SignalStatus.ACTIVE.value,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
    }
    return {**session.media_signals.insert(row).to_dict(), "created": True}


def update_signal(
    store: Store,
    actor: Actor,
    signal_id: int,
    labels: Sequence[str] | None = None,
    subject_id: int | None = None,
    sharing: str | None = None,
    handling: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The owner changes a signal's labels (checked against the taxonomy in force, whose
    version is recorded), attribution, sharing scope or handling code."""
    require(actor, Permission.SUBMIT_MEDIA)
    changes: dict[str, Any] = {}
    try:
        if labels is not None:
            changes.update(labels=tuple(check_labels(labels)), taxonomy=TAXONOMY_VERSION)
    except ValueError as problem:
        raise InvalidInput.field("labels", str(problem)) from None
    if sharing is not None:
        if sharing not in {s.value for s in Sharing}:
            raise InvalidInput.field("sharing", "must be one of own, named, all")
        changes["sharing"] = sharing
    if handling is not None:
        if handling not in {h.value for h in Handling}:
            raise InvalidInput.field("handling", "must be one of H0, H1, H2, H3")
        changes["handling"] = handling
    with store.begin() as session:
        require_owner(actor, load_visible(session, actor, signal_id))
        if subject_id is not None:
            _check_attribution(session, actor, {subject_id})
            changes["subject_id"] = subject_id
        signal = session.media_signals.update(
            signal_id, **changes, updated_at=now or datetime.now(UTC)
        )
        session.audit.record(
            actor, "media.signal.update", [f"media_signal:{signal_id}"], fields=sorted(changes)
        )
        (answer,) = shown(session, actor, [signal.to_dict()])
    return answer


def list_signals(
    store: Store,
    actor: Actor,
    after: int = 0,
    limit: int = 100,
    kind: str | None = None,
    status: str | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """The actor's agency's own signals, by id, with feedback counts; and the next cursor."""
    require(actor, Permission.SUBMIT_MEDIA)
    with store.begin() as session:
        rows = session.media_signals.page(agency_of(actor), after, limit + 1, kind, status)
        page = rows[:limit]
        counts = session.media_signals.feedback_counts([s.id for s in page])
        session.audit.record(actor, "media.signal.list", [], count=len(page))
        items = shown(session, actor, [{**s.to_dict(), "feedback": counts[s.id]} for s in page])
    return items, (page[-1].id if len(rows) > limit else None)


def get_signal(store: Store, actor: Actor, signal_id: int) -> dict[str, Any]:
    """A signal the actor's agency may see, with feedback counts; its owner also gets every
    agency's feedback row."""
    require(actor, Permission.MATCH_MEDIA)
    with store.begin() as session:
        signal = load_visible(session, actor, signal_id)
        counts = session.media_signals.feedback_counts([signal_id])[signal_id]
        (answer,) = shown(session, actor, [{**signal.to_dict(), "feedback": counts}])
        if signal.agency == actor.agency:
            rows = session.media_signals.feedback_of(signal_id)
            answer["feedback_rows"] = [f.to_dict() for f in rows]
        session.audit.record(actor, "media.signal.read", [f"media_signal:{signal_id}"])
    return answer


def signals_of_organisation(store: Store, actor: Actor, subject_id: int) -> dict[str, Any]:
    """The signals attributed to a listed organisation that the actor's agency may see (the
    actor must be able to read the organisation in the registry)."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        subject = session.subjects.get(subject_id)
        listings = session.listings.of_subjects([subject_id])
        if subject is None:
            raise NotFound(f"subject {subject_id} does not exist")
        require_read_subject(actor, subject, listings)
        signals: list[MediaSignal] = session.media_signals.attributed_to(
            subject_id, agency_of(actor)
        )
        counts = session.media_signals.feedback_counts([s.id for s in signals])
        session.audit.record(
            actor, "media.signal.list", [f"subject:{subject_id}"], count=len(signals)
        )
    return {
        "subject_id": subject_id,
        "name": subject.caption,
        "items": [{**s.to_dict(), "feedback": counts[s.id]} for s in signals],
    }
