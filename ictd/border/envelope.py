"""The EDIFACT envelope: UNB/UNZ interchange, UNG/UNE groups, UNH/UNT messages, parts.

``open_interchange`` checks the envelope — UNB first and UNZ last with the same control
reference, the UNZ count of messages (or groups), every UNG closed by a UNE with its count —
and cuts the messages out. Faults of the envelope reject the whole interchange. Faults of
one message (UNT missing, its segment count or reference wrong, a part of a multi-part
message missing) reject only that message: they come back in ``Envelope.rejected``.

A message sent in parts carries the same common access reference (UNH 0068) and a
sequence (UNH S010: ``01:C``, ``02:C`` … ``05:F``, C continuing, F final); ``join_parts``
puts the parts together in order and rejects the message when one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ictd.border.edifact import Segment, tokenize
from ictd.exc import FieldError, InvalidInput

__all__ = ["Envelope", "MessagePart", "Rejection", "join_parts", "open_interchange"]


@dataclass(frozen=True, slots=True)
class MessagePart:
    """One UNH … UNT message: its header data and its segments between UNH and UNT."""

    header: Segment
    reference: str
    type: str
    version: str  # ``D:05B`` (PAXLST) or ``11:1`` (PNRGOV)
    common_access_reference: str | None
    sequence: int | None
    is_last: bool | None
    segments: tuple[Segment, ...]
    trailer: Segment


@dataclass(frozen=True, slots=True)
class Rejection:
    """A message that was not accepted, and why; nothing of it is used."""

    message_reference: str
    errors: tuple[FieldError, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "message_reference": self.message_reference,
            "errors": [e.to_dict() for e in self.errors],
        }


@dataclass(frozen=True, slots=True)
class Envelope:
    """UNB data and the messages found (``messages``) or rejected (``rejected``)."""

    syntax: str
    syntax_version: int
    sender: str
    recipient: str
    prepared_at: datetime
    reference: str
    test: bool
    messages: tuple[MessagePart, ...]
    rejected: tuple[Rejection, ...]


def open_interchange(text: str) -> Envelope:
    """Tokenize and check the envelope; raises ``InvalidInput`` for an envelope fault."""
    _, segments = tokenize(text)
    unb = segments[0]
    errors: list[FieldError] = []
    if unb.tag != "UNB":
        raise InvalidInput(f"{unb.where}: an interchange starts with UNB", [
            unb.error("an interchange starts with UNB")
        ])  # fmt: skip
    unz = segments[-1]
    if unz.tag != "UNZ":
        errors.append(unz.error("an interchange ends with UNZ"))
    prepared_at = _unb_time(unb, errors)
    reference = unb.value(4)
    if not reference:
        errors.append(unb.error("interchange control reference (0020) missing"))
    if unz.tag == "UNZ" and unz.value(1) != reference:
        errors.append(unz.error(f"control reference {unz.value(1)!r} is not UNB's {reference!r}"))
    messages, rejected, units = _messages(segments[1:-1], errors)
    if unz.tag == "UNZ" and unz.value(0) != str(units):
        errors.append(unz.error(f"counts {unz.value(0) or 'nothing'}, the interchange has {units}"))
    if errors or prepared_at is None:
        raise InvalidInput(f"invalid interchange: {errors[0].field}: {errors[0].message}", errors)
    version = unb.value(0, 1)
    return Envelope(
        syntax=unb.value(0),
        syntax_version=int(version) if version.isdigit() else 1,
        sender=unb.value(1),
        recipient=unb.value(2),
        prepared_at=prepared_at,
        reference=reference,
        test=unb.value(10) == "1",
        messages=tuple(messages),
        rejected=tuple(rejected),
    )


def _unb_time(unb: Segment, errors: list[FieldError]) -> datetime | None:
    day, time = unb.value(3), unb.value(3, 1)
    fmt = {6: "%y%m%d%H%M", 8: "%Y%m%d%H%M"}.get(len(day))
    if fmt is not None and len(time) == 4 and (day + time).isdigit():
        try:
            return datetime.strptime(day + time, fmt)
        except ValueError:
            pass
    errors.append(unb.error(f"{day}:{time} is not a date and time (YYMMDD:HHMM)"))
    return None


class _Cutter:
    """Cuts UNH … UNT messages (inside UNG … UNE groups, if any) and counts UNZ units."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        self.messages: list[MessagePart] = []
        self.rejected: list[Rejection] = []
        self.groups = 0
        self.group: Segment | None = None
        self.in_group = 0
        self.current: list[Segment] = []

    def take(self, seg: Segment) -> None:
        tag = seg.tag
        if self.current and tag not in ("UNH", "UNT", "UNG", "UNE"):
            self.current.append(seg)
            return
        if self.current and tag != "UNT":  # a new message or group: this one lacks its UNT
            self._unterminated()
        if tag == "UNH":
            self.current = [seg]
        elif tag == "UNT":
            self._close_message(seg)
        elif tag == "UNG":
            self.groups, self.group, self.in_group = self.groups + 1, seg, 0
        elif tag == "UNE":
            _close_group(self.group, seg, self.in_group, self.errors)
            self.group = None
        else:
            self.errors.append(seg.error("outside a message (UNH … UNT)"))

    def _unterminated(self) -> None:
        head = self.current[0]
        self.rejected.append(Rejection(head.value(0), (head.error("UNT missing"),)))
        self.in_group += 1
        self.current = []

    def _close_message(self, unt: Segment) -> None:
        if not self.current:
            self.errors.append(unt.error("UNT without a UNH"))
            return
        part = _part(self.current, unt, self.group, self.rejected)
        if part is not None:
            self.messages.append(part)
        self.in_group += 1
        self.current = []

    def finish(self) -> int:
        """Close what is open; the number of units UNZ must count."""
        if self.current:
            self._unterminated()
        if self.group is not None:
            self.errors.append(self.group.error("UNE missing"))
        return self.groups if self.groups else len(self.messages) + len(self.rejected)


def _messages(
    segments: list[Segment], errors: list[FieldError]
) -> tuple[list[MessagePart], list[Rejection], int]:
    cutter = _Cutter(errors)
    for seg in segments:
        cutter.take(seg)
    units = cutter.finish()
    return cutter.messages, cutter.rejected, units


def _close_group(group: Segment | None, une: Segment, count: int, errors: list[FieldError]) -> None:
    if group is None:
        errors.append(une.error("UNE without a UNG"))
        return
    if une.value(0) != str(count):
        errors.append(une.error(f"counts {une.value(0) or 'nothing'}, the group has {count}"))
    if une.value(1) != group.value(4):
        errors.append(une.error(f"group reference {une.value(1)!r} is not UNG's"))


def _part(
    body: list[Segment], unt: Segment, group: Segment | None, rejected: list[Rejection]
) -> MessagePart | None:
    unh = body[0]
    problems: list[FieldError] = []
    count = len(body) + 1
    if unt.value(0) != str(count):
        problems.append(unt.error(f"counts {unt.value(0) or 'nothing'} segments, the message "
                                  f"has {count} (UNH to UNT)"))  # fmt: skip
    if unt.value(1) != unh.value(0):
        problems.append(unt.error(f"message reference {unt.value(1)!r} is not UNH's"))
    msg_type = unh.value(1)
    if group is not None and group.value(0) and group.value(0) != msg_type:
        problems.append(unh.error(f"message type {msg_type} in a {group.value(0)} group (UNG)"))
    sequence, is_last = None, None
    if unh.value(3):
        text, mark = unh.value(3), unh.value(3, 1)
        if not text.isdigit() or mark not in ("C", "F"):
            problems.append(unh.error(f"sequence {text}:{mark} is not NN:C or NN:F"))
        else:
            sequence, is_last = int(text), mark == "F"
    if not unh.value(0):
        problems.append(unh.error("message reference (0062) missing"))
    if problems:
        rejected.append(Rejection(unh.value(0), tuple(problems)))
        return None
    version = ":".join(unh.elements[1][1:3]) if len(unh.elements) > 1 else ""
    return MessagePart(
        header=unh,
        reference=unh.value(0),
        type=msg_type,
        version=version,
        common_access_reference=unh.value(2) or None,
        sequence=sequence,
        is_last=is_last,
        segments=tuple(body[1:]),
        trailer=unt,
    )


def join_parts(
    messages: tuple[MessagePart, ...],
) -> tuple[list[tuple[MessagePart, ...]], list[Rejection]]:
    """Group parts of multi-part messages (same type and common access reference) in order.

    A message without a sequence stands alone. A group is rejected when a part is missing,
    repeated, or no part is final.
    """
    out: list[tuple[MessagePart, ...]] = []
    rejected: list[Rejection] = []
    groups: dict[tuple[str, str | None], list[MessagePart]] = {}
    for part in messages:
        if part.sequence is None:
            out.append((part,))
        else:
            key = (part.type, part.common_access_reference)
            if key not in groups:
                out.append(())  # placeholder keeps the message order
                groups[key] = []
            groups[key].append(part)
    filled = iter(groups.values())
    result: list[tuple[MessagePart, ...]] = []
    for entry in out:
        if entry:
            result.append(entry)
            continue
        parts = sorted(next(filled), key=lambda p: p.sequence or 0)
        problem = _missing_part(parts)
        if problem is None:
            result.append(tuple(parts))
        else:
            rejected.append(Rejection(parts[0].reference, (problem,)))
    return result, rejected


def _missing_part(parts: list[MessagePart]) -> FieldError | None:
    numbers = [p.sequence for p in parts]
    last = [p for p in parts if p.is_last]
    anchor = parts[-1].header
    repeated = sorted({n for n in numbers if numbers.count(n) > 1 and n is not None})
    if repeated:
        return anchor.error(f"part {repeated[0]:02d} repeated in a multi-part message")
    if not last:
        return anchor.error(f"the final part (F) of multi-part message {numbers} is missing")
    final = last[0].sequence or 0
    missing = sorted(set(range(1, final + 1)) - set(numbers))
    if missing or len(last) > 1 or numbers[-1] != final:
        shown = ", ".join(f"{n:02d}" for n in missing) or "order"
        return last[0].header.error(
            f"part {shown} of {final} missing from multi-part message "
            f"{parts[0].common_access_reference or ''}".rstrip()
        )
    return None
