"""Read a whole interchange of airline messages: envelope, parts, and each message's mapping.

``parse_interchange`` is all or nothing *per message*: a message with any fault is left out
and listed in ``ParseOutcome.rejected`` with every fault found (each naming its segment), the
other messages are accepted. A fault of the envelope rejects the whole interchange
(``InvalidInput``). ``parse_paxlst`` and ``parse_pnrgov`` also reject messages of the other
type.

>>> outcome = parse_paxlst(text)          # doctest: +SKIP
>>> outcome.raise_if_rejected()           # doctest: +SKIP
>>> outcome.interchange.manifests[0].passengers[0].name.display  # doctest: +SKIP
'AYMAN AL ZAWAHIRI'
"""

from __future__ import annotations

from dataclasses import dataclass

from ictd.border.edifact import decode_interchange
from ictd.border.envelope import Rejection, join_parts, open_interchange
from ictd.border.paxlst import read_paxlst
from ictd.border.pnrgov import read_pnrgov
from ictd.exc import FieldError, InvalidInput
from ictd.model.manifest import Interchange, Manifest, MessageType

__all__ = ["ParseOutcome", "parse_interchange", "parse_paxlst", "parse_pnrgov"]

_READERS = {MessageType.PAXLST: read_paxlst, MessageType.PNRGOV: read_pnrgov}


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """The interchange with its accepted manifests, and the messages rejected."""

    interchange: Interchange
    rejected: tuple[Rejection, ...]

    def raise_if_rejected(self) -> None:
        """Raise ``InvalidInput`` with every fault of every rejected message."""
        if self.rejected:
            errors = [e for r in self.rejected for e in r.errors]
            first = errors[0]
            raise InvalidInput(f"message rejected: {first.field}: {first.message}", errors)

    def to_dict(self) -> dict[str, object]:
        return {
            "interchange": self.interchange.to_dict(),
            "rejected": [r.to_dict() for r in self.rejected],
        }


def parse_interchange(data: str | bytes, expect: MessageType | None = None) -> ParseOutcome:
    """Parse PAXLST and PNRGOV messages of one interchange (``bytes`` are decoded in the
    character set named in UNB). ``expect`` rejects messages of any other type."""
    text = decode_interchange(data) if isinstance(data, bytes) else data
    envelope = open_interchange(text)
    groups, rejected = join_parts(envelope.messages)
    rejected = list(envelope.rejected) + rejected
    manifests: list[Manifest] = []
    for parts in groups:
        head = parts[0]
        msg_type = head.type
        wanted = expect.value if expect is not None else msg_type
        if msg_type != wanted or msg_type not in _READERS:
            shown = wanted if wanted in _READERS else "PAXLST or PNRGOV"
            error = head.header.error(f"message type {msg_type}, expected {shown}")
            rejected.append(Rejection(head.reference, (error,)))
            continue
        try:
            manifests.append(_READERS[MessageType(msg_type)](parts, envelope.prepared_at))
        except InvalidInput as exc:
            errors = tuple(exc.errors) or (FieldError(head.header.where, exc.message),)
            rejected.append(Rejection(head.reference, errors))
    interchange = Interchange(
        reference=envelope.reference,
        sender=envelope.sender,
        recipient=envelope.recipient,
        prepared_at=envelope.prepared_at,
        syntax=envelope.syntax,
        syntax_version=envelope.syntax_version,
        manifests=tuple(manifests),
        test=envelope.test,
    )
    return ParseOutcome(interchange, tuple(rejected))


def parse_paxlst(data: str | bytes) -> ParseOutcome:
    """Parse an interchange of PAXLST (API) messages."""
    return parse_interchange(data, MessageType.PAXLST)


def parse_pnrgov(data: str | bytes) -> ParseOutcome:
    """Parse an interchange of PNRGOV (PNR push) messages."""
    return parse_interchange(data, MessageType.PNRGOV)
