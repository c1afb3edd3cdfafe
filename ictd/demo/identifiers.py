"""Identifier numbers in the shapes partner agencies see: passports, national IDs, registers.

The formats are plausible, not authoritative: ``#`` is a digit, ``A`` an upper-case letter,
anything else is copied. A Chinese resident ID embeds the birth date, as real ones do.
"""

from __future__ import annotations

import random
import string

from ictd.demo.draw import below, pick

__all__ = ["fill_pattern", "make_id_number", "make_passport", "make_registration"]

_PASSPORT: dict[str, str] = {
    "RU": "## #######",
    "CN": "E########",
    "IR": "A########",
    "PK": "AA#######",
    "AF": "P########",
    "SA": "A#######",
    "IQ": "A########",
    "SY": "######A##",
    "DE": "C#A#A#A##",
    "FR": "##AA#####",
    "GB": "#########",
    "US": "#########",
}
_ID: dict[str, str] = {
    "SA": "1#########",
    "AE": "784-####-#######-#",
    "PK": "#####-#######-#",
    "IR": "###-######-#",
    "RU": "#### ######",
    "EG": "2##############",
    "MA": "AA######",
    "TN": "########",
}
_REGISTRATION: dict[str, str] = {
    "AE": "CN-#######",
    "GB": "########",
    "DE": "HRB ######",
    "RU": "#############",
    "CN": "91###############A",
    "HK": "#######",
    "TR": "######-#",
    "CY": "HE ######",
    "SA": "10########",
}


def fill_pattern(rng: random.Random, pattern: str) -> str:
    """Replace ``#`` by random digits and ``A`` by random upper-case letters."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(below(rng, 10)))
        elif ch == "A":
            out.append(pick(rng, string.ascii_uppercase))
        else:
            out.append(ch)
    return "".join(out)


def make_passport(rng: random.Random, country: str) -> str:
    return fill_pattern(rng, _PASSPORT.get(country, "A#######"))


def make_id_number(rng: random.Random, country: str, birth: str | None = None) -> str:
    """A national ID number; for ``CN`` with the birth date (``YYYY-MM-DD``) inside."""
    if country == "CN" and birth and len(birth) == 10:
        return fill_pattern(rng, "######") + birth.replace("-", "") + fill_pattern(rng, "####")
    return fill_pattern(rng, _ID.get(country, "#########"))


def make_registration(rng: random.Random, country: str) -> str:
    return fill_pattern(rng, _REGISTRATION.get(country, "######"))
