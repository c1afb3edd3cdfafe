"""UN/EDIFACT syntax (ISO 9735): service string advice, release characters, segments.

``tokenize`` turns interchange text into ``Segment`` values that know their position (the
n-th segment of the interchange, counted from UNB as 1, and its line), so that every later
error can name the segment at fault. It reads the UNA service string advice (or the
defaults of the syntax level: ``:+.? '`` for UNOA, information separators for UNOB),
honours release characters (``?'``, ``?+``, ``?:``, ``??``) and checks that the text uses
only the characters of the syntax level named in UNB (UNOA upper case, UNOB ASCII, UNOC
Latin-1, UNOD/E/F other ISO 8859 parts, UNOW/UNOY any Unicode).

Why not pydifact (evaluated, 0.2.x): its tokenizer walks the text one character per Python
call (about ten times slower than splitting on separators, too slow for a 400-passenger
manifest in a few milliseconds) and its segments carry no position, so errors could not
name the segment at fault. The syntax is small; it is written here.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from ictd.exc import FieldError, InvalidInput

__all__ = [
    "CODECS",
    "QUALIFIED_TAGS",
    "Delimiters",
    "Segment",
    "decode_interchange",
    "tokenize",
]

# syntax identifier → Python codec of its character repertoire
CODECS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "iso8859-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
}
# segments whose first element is a code qualifier, named with it in errors (``NAD+FL``)
QUALIFIED_TAGS = frozenset(
    {
        "ATT",
        "BGM",
        "CNT",
        "DOC",
        "DTM",
        "EMP",
        "FTX",
        "GEI",
        "LOC",
        "NAD",
        "NAT",
        "RFF",
        "SSR",
        "TDT",
    }
)
_UNOA_EXTRA = " .,-()/='+:?!\"%&*;<>"
_UNOB_CHARS = "\x1c-\x1f\x20-\x7e"
_TAG = re.compile(r"[A-Z]{3}\Z")
_BREAKS = ("\n", "\r")
_TAGS_SEEN: set[str] = set()  # segment tags met so far (at most 26 ** 3 of them)
_MAX_TAGS_SEEN = 2_000
_SYNTAX = re.compile(rb"UNB.(UNO[A-Z])")


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The service characters of an interchange (UNA, or the syntax level's defaults)."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    terminator: str = "'"


UNOB_DELIMITERS = Delimiters("\x1f", "\x1d", ".", "", "\x1c")


class Segment(NamedTuple):
    """One segment: ``elements[i][j]`` is component ``j`` of data element ``i`` (after the tag),
    with release characters removed. ``number`` counts segments from UNB (1).

    A named tuple rather than a frozen dataclass: a 400-passenger manifest has some 5,000
    segments, and a tuple is made in a third of the time.
    """

    tag: str
    elements: tuple[tuple[str, ...], ...]
    number: int
    line: int

    def value(self, element: int, component: int = 0) -> str:
        """The component's text, ``""`` when absent."""
        if element < len(self.elements):
            parts = self.elements[element]
            if component < len(parts):
                return parts[component]
        return ""

    @property
    def where(self) -> str:
        """The field path of errors about this segment: ``segment 14 (NAD)``."""
        return f"segment {self.number} ({self.tag})"

    @property
    def label(self) -> str:
        """The tag with its qualifier where it has one: ``NAD+FL``, ``DTM+329``."""
        if self.tag in QUALIFIED_TAGS and self.elements and self.elements[0][0]:
            return f"{self.tag}+{self.elements[0][0]}"
        return self.tag

    def error(self, message: str) -> FieldError:
        """A field error naming this segment: ``NAD+FL: passenger name missing``."""
        return FieldError(self.where, f"{self.label}: {message}")


def decode_interchange(data: bytes) -> str:
    """Decode interchange bytes in the repertoire its UNB names (UTF-8 for UNOW/UNOY)."""
    found = _SYNTAX.search(data[:400])
    syntax = found.group(1).decode() if found else "UNOA"
    codec = CODECS.get(syntax)
    if codec is None:
        raise InvalidInput.field("segment 1 (UNB)", f"UNB: syntax {syntax} is not supported")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InvalidInput.field(
            "interchange", f"byte {exc.start} is not a {syntax} ({codec}) character"
        ) from None


def tokenize(text: str) -> tuple[Delimiters, list[Segment]]:
    """Split interchange text into segments; raises ``InvalidInput`` naming the first fault.

    >>> _, segments = tokenize("UNB+UNOA:4+A+B+240101:1200+1'UNZ+0+1'")
    >>> [s.tag for s in segments], segments[0].value(0, 1)
    (['UNB', 'UNZ'], '4')
    """
    text = text.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("UNA"):
        if len(stripped) < 9:
            raise InvalidInput.field("UNA", "UNA: the service string advice is cut short")
        una = stripped[3:9]
        delims = Delimiters(una[0], una[1], una[2], una[3].strip(), una[5])
        if len(set(una[:2] + una[3:4] + una[5])) != 4:
            raise InvalidInput.field("UNA", f"UNA: service characters {una!r} must differ")
        body = stripped[9:]
        first_line = 1 + text[: len(text) - len(stripped) + 9].count("\n")
    else:
        body = stripped
        unob = body[3:4] == UNOB_DELIMITERS.element
        delims = UNOB_DELIMITERS if unob else Delimiters()
        first_line = 1 + text[: len(text) - len(stripped)].count("\n")
    segments, offsets = _segments(body, delims, first_line)
    _check_charset(body, segments, offsets, delims)
    return delims, segments


def _segments(body: str, d: Delimiters, line: int) -> tuple[list[Segment], list[int]]:
    pieces = body.split(d.terminator)
    release, element, component = d.release, d.element, d.component
    if release and release in body:
        pieces = _join_released(pieces, d)
    else:
        release = ""  # the hot path: nothing to unescape anywhere
    tail = pieces.pop()
    segments: list[Segment] = []
    offsets: list[int] = []
    offset = 0
    make = tuple.__new__  # a ``Segment`` without the Python frame of its ``__new__``
    for raw in pieces:
        if raw[:1] in _BREAKS:  # a line break after each terminator, as messages often have
            piece = raw.lstrip("\r\n")
            skipped = len(raw) - len(piece)
            line += raw.count("\n", 0, skipped)
        else:
            piece, skipped = raw, 0
        index = len(segments) + 1
        if release and release in piece:
            tag = piece[:3]
            elements = _split_released(piece[4:], d, index, tag) if len(piece) > 3 else []
            if piece[3:4] not in ("", element):
                tag = piece
        else:
            parts = piece.split(element)
            tag = parts[0]
            elements = [tuple(e.split(component)) for e in parts[1:]]
        if tag not in _TAGS_SEEN and not _is_tag(tag):
            shown = piece[:12] or "(empty)"
            raise InvalidInput.field(
                f"segment {index}", f"{shown!r} does not start with a segment tag (line {line})"
            )
        segments.append(make(Segment, (tag, tuple(elements), index, line)))
        offsets.append(offset + skipped)
        if "\n" in piece:
            line += piece.count("\n")
        offset += len(raw) + 1
    if tail.strip():
        where = f"segment {len(segments) + 1}"
        tag = tail.strip()[:3]
        if _TAG.match(tag):
            where += f" ({tag})"
        if d.release and tail.rstrip().endswith(d.release + d.terminator):
            raise InvalidInput.field(
                where, f"release character {d.release} before the last terminator"
            )
        raise InvalidInput.field(where, f"{tail.strip()[:12]!r} is not terminated")
    if not segments:
        raise InvalidInput.field("interchange", "no segments")
    return segments, offsets


def _is_tag(text: str) -> bool:
    """Three upper-case ASCII letters; remembered (``_TAGS_SEEN``) once found to be one."""
    if len(text) != 3 or not (text.isalpha() and text.isupper() and text.isascii()):
        return False
    if len(_TAGS_SEEN) < _MAX_TAGS_SEEN:
        _TAGS_SEEN.add(text)
    return True


def _join_released(pieces: list[str], d: Delimiters) -> list[str]:
    """Rejoin pieces split at a terminator preceded by an odd run of release characters."""
    out: list[str] = []
    carry = ""
    for piece in pieces:
        piece = carry + piece
        run = len(piece) - len(piece.rstrip(d.release))
        if run % 2:
            carry = piece + d.terminator
        else:
            out.append(piece)
            carry = ""
    if carry:
        out.append(carry)  # released terminator at the very end: reported as unterminated
    return out


def _split_released(text: str, d: Delimiters, index: int, tag: str) -> list[tuple[str, ...]]:
    service = {d.component, d.element, d.release, d.terminator}
    elements: list[tuple[str, ...]] = []
    components: list[str] = []
    chars: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == d.release:
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt not in service or not nxt:
                raise InvalidInput.field(
                    f"segment {index} ({tag})",
                    f"{tag}: release character {d.release} before {nxt or 'the end'!r}, "
                    "which is not a service character",
                )
            chars.append(nxt)
            i += 2
            continue
        if ch == d.component:
            components.append("".join(chars))
            chars = []
        elif ch == d.element:
            components.append("".join(chars))
            elements.append(tuple(components))
            components, chars = [], []
        else:
            chars.append(ch)
        i += 1
    components.append("".join(chars))
    elements.append(tuple(components))
    return elements


@functools.lru_cache(maxsize=16)
def _outside(syntax: str, delims: Delimiters) -> re.Pattern[str]:
    """Characters outside UNOA/UNOB (the interchange's own service characters allowed)."""
    service = re.escape(delims.component + delims.element + delims.release + delims.terminator)
    if syntax == "UNOA":
        return re.compile("[^A-Z0-9" + re.escape(_UNOA_EXTRA) + service + "\r\n]")
    return re.compile("[^" + _UNOB_CHARS + service + "\r\n]")


def _check_charset(
    body: str, segments: list[Segment], offsets: list[int], delims: Delimiters
) -> None:
    """Every character must belong to the repertoire of the syntax level named in UNB."""
    first = segments[0]
    syntax = first.value(0) if first.tag == "UNB" else "UNOA"
    if syntax not in CODECS:
        raise InvalidInput.field(first.where, f"UNB: syntax {syntax!r} is not supported")
    codec = CODECS[syntax]
    position: int | None = None
    if syntax in ("UNOA", "UNOB"):
        found = _outside(syntax, delims).search(body)
        position = found.start() if found else None
    elif codec != "utf-8":
        try:
            body.encode(codec)
        except UnicodeEncodeError as exc:
            position = exc.start
    if position is not None:
        seg = segments[max(0, bisect.bisect_right(offsets, position) - 1)]
        raise InvalidInput(
            f"{seg.where}: character {body[position]!r} is not allowed in {syntax}",
            [seg.error(f"character {body[position]!r} is not allowed in syntax {syntax}")],
        )
