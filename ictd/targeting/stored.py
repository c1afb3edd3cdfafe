"""The rule ``Facts`` of stored movements, for the preview: a movement that came from a
manifest is seen as it was on arrival — with its message's journey, its PNR booking and
whether someone else on its booking hit a listing or the register — the others as the
movement report says (``movement_facts``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ictd.border.rules import Facts, facts_of
from ictd.model.manifest import ListType, Manifest, MessageType
from ictd.model.manifest_record import ManifestTraveller
from ictd.model.movement import Movement
from ictd.store import Session
from ictd.targeting.facts import movement_facts

__all__ = ["StoredFacts"]


def _document_hit(movement: Movement | None) -> bool:
    return bool(movement is not None and movement.reply.get("document_hit"))


class StoredFacts:
    """Facts of the movements of one preview; each manifest read once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._manifests: dict[int, dict[int, Facts]] = {}

    def of(self, page: Sequence[Movement]) -> list[Facts]:
        """The facts of each movement of ``page``, in order."""
        where = self.session.manifests.of_movements([m.id for m in page])
        for manifest_id in sorted(set(where.values()) - set(self._manifests)):
            self._manifests[manifest_id] = self._read(manifest_id)
        out = []
        for movement in page:
            found = where.get(movement.id)
            facts = self._manifests[found].get(movement.id) if found is not None else None
            hit = bool(movement.reply.get("document_hit"))
            out.append(facts or movement_facts(movement, hit))
        return out

    def _read(self, manifest_id: int) -> dict[int, Facts]:
        travellers = self.session.manifests.travellers(manifest_id)
        rows = self.session.movements.get_many([t.movement_id for t in travellers])
        groups: dict[tuple[str, str], list[ManifestTraveller]] = {}
        for t in travellers:
            locator = t.booking.record_locator if t.booking else t.passenger.record_locator
            if locator:
                groups.setdefault((t.message_reference, locator), []).append(t)
        out: dict[int, Facts] = {}
        for t in travellers:
            locator = t.booking.record_locator if t.booking else t.passenger.record_locator
            others = [
                o for o in groups.get((t.message_reference, locator or ""), []) if o.id != t.id
            ]
            pnr = t.message_type is MessageType.PNRGOV
            manifest = Manifest(
                message_reference=t.message_reference,
                message_type=t.message_type,
                version="",
                list_type=ListType.BOOKINGS if pnr else ListType.PASSENGERS,
                legs=t.legs,
                passengers=(t.passenger,),
                bookings=(t.booking,) if t.booking else (),
            )
            out[t.movement_id] = facts_of(
                t.passenger,
                manifest,
                document_hit=_document_hit(rows.get(t.movement_id)),
                co_traveller_listed=any(o.hit for o in others),
                co_traveller_document_hit=any(
                    _document_hit(rows.get(o.movement_id)) for o in others
                ),
            )
        return out
