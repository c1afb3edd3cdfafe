"""Write UN/EDIFACT text: segments with release characters, messages with UNT counts, and
the interchange envelope (UNA, UNB, optional UNG/UNE, UNZ).

Used by the synthetic message generator; the output reads back with ``tokenize``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ictd.border.edifact import Delimiters

__all__ = ["Element", "write_interchange", "write_message", "write_segment"]

Element = str | Sequence[str]
_DEFAULT = Delimiters()


def _escape(text: str, d: Delimiters) -> str:
    for ch in (d.release, d.component, d.element, d.terminator):
        text = text.replace(ch, d.release + ch)
    return text


def write_segment(tag: str, *elements: Element, d: Delimiters = _DEFAULT) -> str:
    """One segment with its terminator; trailing empty elements and components dropped.

    >>> write_segment("NAD", "FL", "", "", ("O'NEILL", "MARY"))
    "NAD+FL+++O?'NEILL:MARY'"
    """
    parts = [tag]
    for element in elements:
        components = [element] if isinstance(element, str) else list(element)
        while components and not components[-1]:
            components.pop()
        parts.append(d.component.join(_escape(c, d) for c in components))
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return d.element.join(parts) + d.terminator


def write_message(
    reference: str,
    message_type: tuple[str, ...],
    body: list[str],
    common_access: str = "",
    sequence: tuple[str, str] | None = None,
) -> list[str]:
    """UNH, the body segments and UNT with the segment count."""
    unh = write_segment("UNH", reference, message_type, common_access, sequence or ())
    return [unh, *body, write_segment("UNT", str(len(body) + 2), reference)]


def write_interchange(
    messages: list[list[str]],
    *,
    sender: str,
    recipient: str,
    reference: str,
    prepared_at: datetime,
    syntax: str = "UNOA",
    group: tuple[str, str, tuple[str, ...]] | None = None,
) -> str:
    """The interchange text, one segment a line. ``group`` is (message type, controlling
    agency, version) for a UNG/UNE functional group around the messages."""
    stamp = (prepared_at.strftime("%y%m%d"), prepared_at.strftime("%H%M"))
    lines = ["UNA:+.? '", write_segment("UNB", (syntax, "4"), sender, recipient, stamp, reference)]
    if group is not None:
        kind, agency, version = group
        lines.append(write_segment("UNG", kind, sender, recipient, stamp, "1", agency, version))
    for message in messages:
        lines.extend(message)
    if group is not None:
        lines.append(write_segment("UNE", str(len(messages)), "1"))
    lines.append(write_segment("UNZ", "1" if group else str(len(messages)), reference))
    return "\n".join(lines) + "\n"
