"""Types for naming cultures: a name part with its spellings, and a culture's tables.

Name tables are written as compact text, one name a line: ``native|Latin 1,Latin 2,…``.
The first Latin spelling is the most common one. ``parse_parts`` turns such text into
``NamePart`` values; the culture modules in ``ictd.demo.cultures`` hold the text.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Culture", "NamePart", "parse_parts"]


@dataclass(frozen=True, slots=True)
class NamePart:
    """One name part: its native-script form and its Latin spellings, most common first.

    For Latin-script cultures ``native`` is the spelling with diacritics (``François``) and
    ``latin`` holds it and its plain forms (``Francois``).
    """

    native: str
    latin: tuple[str, ...]
    gender: str | None = None

    @property
    def primary(self) -> str:
        return self.latin[0]


@dataclass(frozen=True, slots=True)
class Culture:
    """A naming culture: its script, language, countries and name tables.

    ``countries`` are ISO codes, repeated to weight them. ``structure`` names the function
    in ``ictd.demo.person`` that assembles a full name (``arabic``, ``persian``,
    ``south_asian``, ``cyrillic``, ``chinese``, ``african``, ``western``).
    When ``coherent``, the i-th Latin form of every part belongs to the same romanisation
    system (BGN, ICAO, … for Cyrillic; pinyin, Wade-Giles, Cantonese for Chinese), and a
    spelling uses one system throughout. ``prefer`` holds substrings that mark the culture's
    favourite spellings (French-style ``ou``/``ch`` in the Maghreb) and ``honorifics``
    optional titles placed before a name.
    """

    code: str
    script: str  # ISO 15924: Arab, Cyrl, Hani, Latn
    lang: str  # ISO 639-1 of the native-script names
    countries: tuple[str, ...]
    structure: str
    male: tuple[NamePart, ...]
    female: tuple[NamePart, ...]
    family: tuple[NamePart, ...]
    prefer: tuple[str, ...] = ()
    honorifics: tuple[NamePart, ...] = ()
    native_sep: str = " "
    coherent: bool = False  # one romanisation system for all parts of a spelling

    @property
    def is_latin(self) -> bool:
        return self.script == "Latn"


def parse_parts(text: str, gender: str | None = None) -> tuple[NamePart, ...]:
    """Parse ``native|Latin 1,Latin 2`` lines (blank lines and ``#`` comments skipped)."""
    parts: list[NamePart] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        native, _, latin = line.partition("|")
        spellings = tuple(s.strip() for s in latin.split(",") if s.strip())
        if not native.strip() or not spellings:
            raise ValueError(f"bad name-table line: {raw!r}")
        parts.append(NamePart(native.strip(), spellings, gender))
    return tuple(parts)
