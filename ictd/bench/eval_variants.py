"""Perturbations of a listed name, one function per benchmark category.

Each function takes a name as written and a seeded ``random.Random`` and returns a changed name,
or ``None`` when the category does not apply to that name (no middle name to drop, no Arabic
particle to rewrite …). The rules imitate how screeners and lists really write names; they are
our own and independent of the matcher's tables, so the benchmark does not grade its own rules.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "ORG_VARIANTS",
    "ORG_WORD_FORMS",
    "PERSON_VARIANTS",
    "ascii_tokens",
    "transliteration_variant",
]

Variant = Callable[[str, random.Random], str | None]

_KNOWN: tuple[tuple[str, ...], ...] = (
    ("muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "mehmet"),
    ("ahmad", "ahmed", "ahmet"),
    ("husayn", "hussein", "hussain", "husain", "hossein", "hosein"),
    ("hasan", "hassan", "hasen"),
    ("yusuf", "yousef", "youssef", "yusif", "yousuf", "yosef"),
    ("usama", "osama", "oussama"),
    ("umar", "omar", "omer"),
    ("uthman", "osman", "othman", "usman"),
    ("said", "saeed", "sayed", "saied", "sa'id"),
    ("khalid", "khaled", "halid"),
    ("abdallah", "abdullah", "abdulla", "abdellah"),
    ("mahmud", "mahmoud", "mahmood"),
    ("mustafa", "moustafa", "mostafa", "mustapha"),
    ("ibrahim", "ebrahim", "brahim"),
    ("ismail", "ismael", "esmail"),
    ("sulayman", "suleiman", "sulaiman", "soliman"),
    ("aleksandr", "alexander", "aleksander", "alexandr"),
    ("yevgeniy", "evgeny", "evgeni", "yevgeny"),
    ("sergey", "sergei", "serguei"),
)
_KNOWN_MAP = {form: group for group in _KNOWN for form in group}
_RULES: tuple[tuple[str, str], ...] = (
    (r"ou", "u"),
    (r"(?<=[^aeiou])u(?=[^aeiou])", "ou"),
    (r"ee", "i"),
    (r"(?<=[^aeiou])i(?=[^aeiou])", "ee"),
    (r"(?<=[aeiou])y(?=[aeiou])", "i"),
    (r"ay", "ai"),
    (r"ai", "ay"),
    (r"ei", "ay"),
    (r"q", "k"),
    (r"dh", "z"),
    (r"(?<=[aeiou])j", "dj"),
    (r"sh", "ch"),
    (r"([bcdfgklmnprstz])\1", r"\1"),
    (r"(?<=[aeiou])([bdlmnrst])(?=[aeiou])", r"\1\1"),
    (r"a$", "ah"),
    (r"ah$", "a"),
    (r"(?<=[^aeiou])e(?=[^aeiou]$)", "a"),
    (r"(?<=[^aeiou])a(?=[^aeiou]$)", "e"),
    (r"(?<=[^aeiou])o(?=[^aeiou])", "u"),
    (r"(?<=[^aeiou])u(?=[^aeiou])", "o"),
    (r"ov$", "off"),
    (r"iy$", "i"),
    (r"ks", "x"),
)
_HONORIFICS = ("Sheikh", "Haji", "Mullah", "Dr.", "Maulana", "Mr", "Al-Hajj", "Mufti")
_LEGAL_ADD = ("LLC", "Ltd", "Co.", "Company", "Inc.", "Limited", "GmbH", "Corp.")
_ORG_ABBREVIATIONS = {
    "company": "Co.",
    "corporation": "Corp.",
    "limited": "Ltd",
    "international": "Intl",
    "incorporated": "Inc.",
    "organization": "Org.",
    "establishment": "Est.",
    "co": "Company",
    "ltd": "Limited",
}
ORG_WORD_FORMS = (*_LEGAL_ADD, *_ORG_ABBREVIATIONS, *_ORG_ABBREVIATIONS.values())
"""The legal forms and abbreviations the organisation perturbations write."""
_PARTICLE = re.compile(r"\b(al|el|ul|bin|ibn|ben|abd|abdul|abdel|abu|abou)\b[- ]?", re.IGNORECASE)


def ascii_tokens(name: str) -> list[str]:
    """Lower-case ASCII words of a Latin name (diacritics dropped)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9']+", text)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", name) if w]


def _vary_token(token: str, rng: random.Random) -> str:
    lower = token.lower()
    group = _KNOWN_MAP.get(lower)
    if group is not None:
        return rng.choice([f for f in group if f != lower]).capitalize()
    rules = [(p, r) for p, r in _RULES if re.search(p, lower)]
    if not rules:
        return token
    pattern, repl = rng.choice(rules)
    return re.sub(pattern, repl, lower, count=1).capitalize()


def transliteration_variant(name: str, rng: random.Random) -> str | None:
    """Re-spell one or two words as another romanisation would: Muhammad → Mohammed."""
    words = _words(name)
    indexes = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    if not indexes:
        return None
    for i in rng.sample(indexes, min(len(indexes), rng.choice((1, 2)))):
        words[i] = _vary_token(words[i], rng)
    out = " ".join(words)
    return out if out.lower() != name.lower() else None


def name_order(name: str, rng: random.Random) -> str | None:
    """Family name first: ``LAST, First Middle`` or the words reversed."""
    words = _words(name)
    if len(words) < 2:
        return None
    if rng.random() < 0.5:
        return f"{words[-1].upper()}, {' '.join(words[:-1])}"
    return " ".join(reversed(words))


def missing_middle(name: str, rng: random.Random) -> str | None:
    """One middle word left out."""
    words = _words(name)
    if len(words) < 3:
        return None
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


_MIDDLE = """
Muhammad Ahmad Ali Hassan Abdullah Ibrahim Yusuf Omar Khalil Rashid Salim Saleh Mahmud
Ismail Hamid Jamil Karim Nasser Faisal Rabi Tahir Aziz Latif Ghulam Nur Sayed Amin
"""


def extra_middle(name: str, rng: random.Random) -> str | None:
    """One or two middle names (a father's, a grandfather's) that the list does not hold."""
    words = _words(name)
    if len(words) < 2:
        return None
    known = {w.lower() for w in words}
    extra = [w for w in rng.sample(_MIDDLE.split(), 2) if w.lower() not in known][
        : rng.choice((1, 2))
    ]
    return " ".join([words[0], *extra, *words[1:]]) if extra else None


def initials(name: str, rng: random.Random) -> str | None:
    """The first (or a middle) name written as an initial."""
    words = _words(name)
    if len(words) < 2:
        return None
    i = 0 if len(words) == 2 or rng.random() < 0.6 else rng.randrange(1, len(words) - 1)
    words[i] = words[i][0].upper() + "."
    return " ".join(words)


def typos(name: str, rng: random.Random) -> str | None:
    """One or two keyboard slips: a letter dropped, doubled, swapped or replaced."""
    chars = list(name)
    for _ in range(rng.choice((1, 2))):
        spots = [i for i in range(1, len(chars) - 1) if chars[i].isalpha()]
        if not spots:
            return None
        i = rng.choice(spots)
        kind = rng.randrange(4)
        if kind == 0:
            del chars[i]
        elif kind == 1:
            chars.insert(i, chars[i])
        elif kind == 2 and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = rng.choice("aeioubdklmnrst")
    out = "".join(chars)
    return out if out != name else None


def _particle(match: re.Match[str], rng: random.Random) -> str:
    word = match.group(1).lower()
    if word in ("al", "el", "ul"):
        return rng.choice(("al-", "el-", "Al ", "", "al"))
    if word in ("bin", "ibn", "ben"):
        return rng.choice(("bin ", "ibn ", "ben ", ""))
    if word in ("abu", "abou"):
        return rng.choice(("Abu ", "Abou ", "Abu-"))
    return rng.choice(("Abdul ", "Abdel ", "Abd al-", "Abdul", "Abdel", "Abd-el-"))


def particles(name: str, rng: random.Random) -> str | None:
    """Arabic particles rewritten: al-/el-/none, bin/ibn/ben, Abd al-X ↔ Abdul X ↔ Abdelx."""
    if not _PARTICLE.search(name):
        return None
    out = re.sub(r"\s+", " ", _PARTICLE.sub(lambda m: _particle(m, rng), name)).strip()
    return out if out.lower() != name.lower() else None


def honorific(name: str, rng: random.Random) -> str | None:
    """A title or honorific put in front."""
    return f"{rng.choice(_HONORIFICS)} {name}"


def legal_form(name: str, rng: random.Random) -> str | None:
    """A legal form abbreviated, expanded, dropped or added; a bracketed acronym dropped."""
    words = _words(re.sub(r"\s*\([^)]*\)", "", name))
    changeable = [i for i, w in enumerate(words) if w.lower().strip(".") in _ORG_ABBREVIATIONS]
    if changeable and rng.random() < 0.7:
        i = rng.choice(changeable)
        words[i] = _ORG_ABBREVIATIONS[words[i].lower().strip(".")]
        if rng.random() < 0.3:
            del words[i]
    else:
        words.append(rng.choice(_LEGAL_ADD))
    out = " ".join(words)
    return out if out.lower() != name.lower() and words else None


PERSON_VARIANTS: dict[str, Variant] = {
    "order": name_order,
    "missing-middle": missing_middle,
    "extra-middle": extra_middle,
    "initials": initials,
    "typos": typos,
    "transliteration": transliteration_variant,
    "particles": particles,
    "honorific": honorific,
}
"""The perturbation categories of person names."""
ORG_VARIANTS: dict[str, Variant] = {"legal-form": legal_form, "org-typos": typos}
"""The perturbation categories of organisation names."""
