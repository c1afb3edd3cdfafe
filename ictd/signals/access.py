"""Who sees and changes a media signal: the sharing rule of listings, applied to signals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ictd.exc import Forbidden, NotFound
from ictd.model.listing import Sharing
from ictd.model.media import MediaSignal
from ictd.security.actor import Actor
from ictd.security.policy import can_read_subject, refuse_hidden
from ictd.store import Session

__all__ = [
    "agency_of",
    "load_visible",
    "require_owner",
    "shared_with_agency",
    "shares_signal",
    "shown",
]


def agency_of(actor: Actor) -> str:
    """The agency an actor submits, matches and gives feedback for."""
    if actor.agency is None:
        raise Forbidden("media signals are submitted and matched for an agency")
    return actor.agency


def shares_signal(actor: Actor, signal: MediaSignal) -> bool:
    """The owner's agency, every partner for ``all``, the named ones for ``named``. (The
    same rule is written in SQL in ``ictd.store.media_signals.visible_to``.)"""
    return actor.is_system or shared_with_agency(signal, actor.agency or "")


def shared_with_agency(signal: MediaSignal, agency: str) -> bool:
    if signal.agency == agency or signal.sharing is Sharing.ALL:
        return True
    return signal.sharing is Sharing.NAMED and agency in signal.shared_with


def load_visible(session: Session, actor: Actor, signal_id: int) -> MediaSignal:
    """The signal, if the actor's agency may see it; otherwise answered as missing."""
    message = f"media signal {signal_id} does not exist"
    signal = session.media_signals.get(signal_id)
    if signal is None:
        raise NotFound(message)
    if not shares_signal(actor, signal):
        raise refuse_hidden(actor, message, f"media_signal:{signal_id}", signal.agency)
    return signal


def shown(session: Session, actor: Actor, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signals (as ``to_dict`` gives them) as the actor reads them: the organisation a signal
    is attributed to (``subject_id``) only when the actor may read it in the registry (never
    for a platform, whose users read no records); otherwise ``None`` and
    ``attribution_withheld``, as a match tells it."""
    rows = list(items)
    if actor.is_system:
        return rows
    ids = sorted({r["subject_id"] for r in rows if r.get("subject_id") is not None})
    subjects = {s.id: s for s in session.subjects.get_many(ids)} if ids else {}
    listings = session.listings.of_subjects(ids) if ids else []
    readable = {i for i in ids if i in subjects and can_read_subject(actor, subjects[i], listings)}
    out = []
    for row in rows:
        if row.get("subject_id") is not None and row["subject_id"] not in readable:
            row = {**row, "subject_id": None, "attribution_withheld": True}
        out.append(row)
    return out


def require_owner(actor: Actor, signal: MediaSignal) -> None:
    if not (actor.is_system or signal.agency == actor.agency):
        raise Forbidden("only the owning agency may change this signal")
