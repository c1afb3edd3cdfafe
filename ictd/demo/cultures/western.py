"""Western European naming cultures (French, German, Spanish, Italian, Dutch, British and
Irish, Nordic), written in Latin script.

The native form keeps its diacritics (``Jürgen Müller``); the plain spellings documents
and screeners use are derived: diacritics dropped (``Jurgen Muller``) and German or Nordic
letters expanded (``Juergen Mueller``, ``Soeren``). Extra hand-written spellings follow ``|``.
"""

from __future__ import annotations

import unicodedata

from ictd.demo.culture import Culture, NamePart

__all__ = ["WESTERN_CULTURES", "plain_spellings"]

# per language: countries, male given names, female given names, family names
_TABLES: dict[str, tuple[str, str, str, str]] = {
    "fr": (
        "FR FR FR BE CH",
        "Jean-Pierre|Jean Pierre; François; Jérôme; Sébastien; Nicolas; Julien; Théo",
        "Hélène; Chloé; Céline; Amélie",
        "Lefèvre; Dupont; Moreau; Girard; Rousseau; Bonnet; Lambert; Mercier; "
        "Le Goff|Legoff,Le-Goff",
    ),
    "de": (
        "DE DE DE AT CH",
        "Jürgen; Jörg; Stefan|Stephan; Matthias; Klaus; Lukas; Tobias",
        "Sabine; Anja; Jana; Käthe",
        "Müller; Schröder; Schäfer; Weiß; Groß; Köhler; Krüger; Hoffmann|Hofmann; Schneider; "
        "Fischer; Wagner; Becker",
    ),
    "es": (
        "ES",
        "José; Jesús; Andrés; Sergio; Raúl",
        "María; Lucía; Inés",
        "García; Fernández; López; Martínez; Sánchez; Pérez; Gómez; Núñez; Muñoz; Ibáñez",
    ),
    "it": (
        "IT",
        "Giuseppe; Luca; Niccolò|Nicolo; Matteo",
        "Giulia; Francesca",
        "Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; De Luca|DeLuca,Deluca",
    ),
    "nl": (
        "NL NL BE",
        "Jeroen; Sander; Bram; Pieter|Peter",
        "Femke; Anouk",
        "de Jong|De Jong,Dejong; Jansen; de Vries|De Vries,Devries; "
        "van den Berg|Van den Berg,Vandenberg; Bakker; Visser; Smit; van Dijk|Van Dijk,Vandijk",
    ),
    "en": (
        "GB GB GB IE",
        "James; Thomas; Daniel; Liam; Conor|Connor",
        "Siobhán; Emma; Sarah|Sara",
        "O'Brien|OBrien,O Brien; O'Connor|OConnor; Smith; Taylor; Murphy; "
        "McCarthy|Mc Carthy,MacCarthy; Walsh; Evans",
    ),
    "sv": (
        "SE SE DK NO",
        "Søren|Soren; Björn; Lars; Erik|Eric",
        "Åsa; Ingrid",
        "Johansson; Andersson; Nielsen; Jørgensen; Sørensen; Lindqvist|Lindquist; Håkansson",
    ),
}

_EXPAND = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
     "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "Æ": "Ae"}
)  # fmt: skip
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"})


def plain_spellings(native: str) -> tuple[str, ...]:
    """``Jürgen`` → (``Jürgen``, ``Jurgen``, ``Juergen``); ``Jean-Pierre`` adds no variant."""
    decomposed = unicodedata.normalize("NFD", native.translate(_FOLD))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    expanded = unicodedata.normalize("NFD", native.translate(_EXPAND))
    expanded = "".join(ch for ch in expanded if not unicodedata.combining(ch))
    return tuple(dict.fromkeys((native, folded, expanded)))


def _parts(text: str, gender: str | None) -> tuple[NamePart, ...]:
    parts: list[NamePart] = []
    for item in text.split(";"):
        native, _, extra = item.strip().partition("|")
        spellings = (*plain_spellings(native), *(s for s in extra.split(",") if s))
        parts.append(NamePart(native, tuple(dict.fromkeys(spellings)), gender))
    return tuple(parts)


def _culture(lang: str, tables: tuple[str, str, str, str]) -> Culture:
    countries, male, female, family = tables
    return Culture(
        code=f"western-{lang}",
        script="Latn",
        lang=lang,
        countries=tuple(countries.split()),
        structure="western",
        male=_parts(male, "male"),
        female=_parts(female, "female"),
        family=_parts(family, None),
    )


WESTERN_CULTURES: tuple[Culture, ...] = tuple(_culture(k, v) for k, v in _TABLES.items())
