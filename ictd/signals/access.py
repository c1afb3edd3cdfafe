"""Who sees and changes a media signal: the sharing rule of listings, applied to signals."""

from __future__ import annotations

from ictd.exc import Forbidden, NotFound
from ictd.model.listing import Sharing
from ictd.model.media import MediaSignal
from ictd.security.actor import Actor
from ictd.store import Session

__all__ = ["agency_of", "load_visible", "require_owner", "shared_with_agency", "shares_signal"]


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
    signal = session.media_signals.get(signal_id)
    if signal is None or not shares_signal(actor, signal):
        raise NotFound(f"media signal {signal_id} does not exist")
    return signal


def require_owner(actor: Actor, signal: MediaSignal) -> None:
    if not (actor.is_system or signal.agency == actor.agency):
        raise Forbidden("only the owning agency may change this signal")
