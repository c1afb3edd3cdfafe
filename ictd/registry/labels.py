"""Labels of subjects for display: caption, kind, names in every script, key facts.

Screening answers subject ids; a console shows people names. ``subject_labels`` gives the
labels of the subjects among ``ids`` that the actor may read (others are left out), and
records one audit event naming them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ictd.security.actor import Actor
from ictd.security.policy import Permission, can_read_subject, require
from ictd.store import Store

__all__ = ["MAX_LABELS", "SubjectLabel", "subject_labels"]

MAX_LABELS = 500


@dataclass(frozen=True, slots=True)
class SubjectLabel:
    id: int
    schema: str
    caption: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...]
    nationalities: tuple[str, ...]
    agency: str | None
    source: str | None
    is_listed: bool


def subject_labels(
    store: Store, actor: Actor, ids: Sequence[int], reason: str = "display"
) -> dict[int, SubjectLabel]:
    """Labels of the readable subjects among ``ids`` (at most ``MAX_LABELS``). Audited."""
    require(actor, Permission.READ_RECORDS)
    wanted = sorted(set(ids))[:MAX_LABELS]
    if not wanted:
        return {}
    with store.begin() as session:
        subjects = session.subjects.get_many(wanted)
        listings = session.listings.of_subjects(wanted)
        today = datetime.now(UTC).date()
        listed = {x.subject_id for x in listings if x.is_in_force(today)}
        out = {}
        for subject in subjects:
            if subject.id is None or not can_read_subject(actor, subject, listings):
                continue
            out[subject.id] = SubjectLabel(
                id=subject.id,
                schema=subject.schema.value,
                caption=subject.caption,
                names=tuple(subject.names),
                birth_dates=tuple(subject.values("birthDate")),
                nationalities=tuple(subject.values("nationality") or subject.values("country")),
                agency=subject.agency,
                source=subject.source,
                is_listed=subject.id in listed,
            )
        if out:
            session.audit.record(
                actor, "subject.labels", [f"subject:{i}" for i in sorted(out)], reason=reason
            )
    return out
