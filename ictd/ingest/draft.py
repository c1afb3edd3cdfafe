"""A subject being assembled from one source entry, with errors that name the entry.

Parsers collect statements into a ``SubjectDraft``: each value is validated with
``ictd.model.value.clean_value``; a bad value raises ``SourceError`` naming the entry (its
id and line) and the field. Exact duplicates (same property, normalised value and
qualifier) are kept once. Name values in a non-Latin script get a language tag guessed
from the script (``detect_lang``), so ``محمد`` is stated with ``lang="ara"``.

Source files are lenient where the API is strict: the parsers strip control and
bidirectional characters from every text before it gets here (``sanitize_text``, with a
warning in the import report); a line break in a single-line value becomes a space; a
value with no visible character is skipped with a warning (an entry left without a name
then fails as any nameless entry does).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NoReturn

from ictd.exc import SourceError
from ictd.model.schema import PROPERTIES, PropertyType, Schema
from ictd.model.statement import Statement
from ictd.model.subject import Subject
from ictd.model.text import is_invisible, strip_unsafe
from ictd.model.value import MULTILINE_TYPES, clean_value

__all__ = ["SubjectDraft", "Where", "detect_lang", "sanitize_text"]

_LINE_BREAKS_TO_SPACE = str.maketrans("\t\n\r", "   ")


def sanitize_text(text: str, where: str, field: str, warnings: list[str]) -> str:
    """``text`` without control and bidirectional characters (``model.text.strip_unsafe``);
    a warning naming the entry, the field and the code points (never the value) is added
    to ``warnings`` when some were removed."""
    clean, removed = strip_unsafe(text)
    if removed:
        warnings.append(f"{where}: {field}: removed {', '.join(removed)}")
    return clean


# (first code point, last code point, language guessed from the script)
_SCRIPT_RANGES = (
    (0x0600, 0x06FF, "ara"),
    (0x0750, 0x077F, "ara"),
    (0x08A0, 0x08FF, "ara"),
    (0xFB50, 0xFDFF, "ara"),
    (0xFE70, 0xFEFF, "ara"),
    (0x0400, 0x052F, "rus"),
    (0x3400, 0x4DBF, "zho"),
    (0x4E00, 0x9FFF, "zho"),
    (0x1100, 0x11FF, "kor"),
    (0x3130, 0x318F, "kor"),
    (0xAC00, 0xD7AF, "kor"),
)


def detect_lang(text: str) -> str | None:
    """Guess a language from the script: Arabic → ``ara``, Cyrillic → ``rus``, Han → ``zho``,
    Hangul → ``kor``; ``None`` for Latin or anything else.

    >>> detect_lang("أيمن الظواهري")
    'ara'
    """
    counts: Counter[str] = Counter()
    for char in text:
        point = ord(char)
        if point < 0x0400:
            continue
        for first, last, lang in _SCRIPT_RANGES:
            if first <= point <= last:
                counts[lang] += 1
                break
    return counts.most_common(1)[0][0] if counts else None


@dataclass(frozen=True, slots=True)
class Where:
    """Where an entry is in its file, for error messages: ``UN SC DATAID 6908555 (QDi.001)``."""

    entry: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.entry}, line {self.line}" if self.line else self.entry

    def fail(self, field: str, message: str) -> NoReturn:
        """Raise ``SourceError`` naming this entry and ``field``."""
        details = {"entry": self.entry, "line": self.line, "field": field, "message": message}
        raise SourceError(f"{self}: {field}: {message}", details)


class SubjectDraft:
    """Statements of one subject, validated as they are added."""

    __slots__ = ("_keys", "_statements", "schema", "source", "warnings", "where")

    def __init__(
        self, schema: Schema, source: str, where: Where, warnings: list[str] | None = None
    ) -> None:
        self.schema = schema
        self.source = source
        self.where = where
        self.warnings = warnings if warnings is not None else []
        self._statements: list[Statement] = []
        self._keys: set[tuple[str, str, str | None]] = set()

    def accepts(self, prop: str) -> bool:
        """True when ``prop`` exists and applies to this draft's schema."""
        known = PROPERTIES.get(prop)
        return known is not None and self.schema in known.schemas

    def add(
        self,
        prop: str,
        value: str | None,
        qualifier: str | None = None,
        *,
        field: str | None = None,
        lang: str | None = None,
    ) -> None:
        """Validate and add one value; empty values are skipped.

        ``field`` names the input field in errors (defaults to ``prop``).
        """
        if value is None or not value.strip():
            return
        field = field or prop
        known = PROPERTIES.get(prop)
        if known is None or self.schema not in known.schemas:
            self.where.fail(field, f"property {prop!r} does not apply to {self.schema.value}")
        if known.type not in MULTILINE_TYPES:
            value = value.translate(_LINE_BREAKS_TO_SPACE)
        if is_invisible(value):
            self.warnings.append(f"{self.where}: {field}: skipped a value with no visible letter")
            return
        try:
            text, norm, qual = clean_value(known, value, qualifier)
        except ValueError as err:
            self.where.fail(field, str(err))
        key = (prop, norm, qual)
        if key in self._keys:
            return
        self._keys.add(key)
        if lang is None and known.type is PropertyType.NAME:
            lang = detect_lang(text)
        self._statements.append(
            Statement(
                prop=prop, value=text, norm=norm, qualifier=qual, lang=lang, source=self.source
            )
        )

    def note(self, text: str | None, *, field: str | None = None) -> None:
        """Add a ``notes`` statement (for facts that have no property of their own)."""
        self.add("notes", text, field=field or "notes")

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(self._statements)

    def has(self, prop: str) -> bool:
        return any(s.prop == prop for s in self._statements)

    def to_subject(self, external_ids: tuple[str, ...] = ()) -> Subject:
        """The finished subject (no id yet), stated by the draft's source."""
        return Subject(
            schema=self.schema,
            source=self.source,
            statements=tuple(self._statements),
            external_ids=external_ids,
        )
