"""Parsing a name into parts: normalise, transliterate, apply the particle rules, key each part.

``parse_name`` turns one name as written (any script) into one or more ``ParsedName`` variants
(one per romanisation style), each a tuple of ``Part``. The rules, applied to every variant in
Latin form, whatever the original script:

- NFKC, case-fold, apostrophes and ayn marks dropped, punctuation and hyphens split words;
- honorifics and titles dropped (sheikh, haji, mullah, dr …) when other words remain, except
  after the article and a name, where they are a family name (``Abdul Aziz Al-Sheikh``);
- the article dropped (``al-``, ``el-``, and ``ar-``/``ash-`` … before their sun letter);
- patronymic connectors dropped (``bin``, ``ibn``, ``ben``, ``bint``, ``ould``);
- ``abd`` compounds joined into one part: ``Abd al-Rahman``, ``Abdul Rahman`` and
  ``Abdelrahman`` all give ``abdrahman``; ``Abu``/``Umm`` join the next word (``abubakr``);
- legal forms folded away (LLC, Ltd, GmbH, ООО, شركة …), ``International`` → ``intl``;
- a name in the form of a passport's machine-readable zone (``AL<ZAWAHIRI<<AYMAN``) is read
  by ``ictd.matching.mrz`` first.

Each part carries a weight: common given names and generic organisation words weigh little.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from ictd.matching import lexicon as lx
from ictd.matching.arabic import construct_state, is_fixed_word, split_arabic_word
from ictd.matching.equivalents import equivalence_class, equivalence_class_of_skeleton
from ictd.matching.keys import phonetic, skeleton
from ictd.matching.lookalikes import lookalike_class, lookalike_class_of_skeleton
from ictd.matching.mrz import read_mrz_name
from ictd.matching.orgslips import is_org_slip
from ictd.matching.orgterms import translate_org_words
from ictd.matching.orgwords import LEGAL_PHRASES, ORG_PLACES, fold_org_phrases
from ictd.matching.rawtext import drop_acronyms, drop_notes, spelt_initials
from ictd.matching.script import ABJADS, Script
from ictd.matching.somali import is_somali_spelling, somali_reading
from ictd.matching.surnames import surname_class
from ictd.matching.transliterate import romanise_word

__all__ = ["ParsedName", "Part", "make_part", "normalize_name", "parse_name"]

MAX_VARIANTS = 7  # the Arabic styles (``arabic.STYLES``)
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u055a]")
_WORD = re.compile(r"[a-z0-9]+")
_SYLLABLE_BIN = re.compile(r"(?<![\w-])([^\W\d_]{1,3})-(bin|ben|bun)\b(?!-)")
"""A syllable joined by a hyphen to ``bin``/``ben`` is one given name (Korean ``Su-bin``,
``Ye-bin``), not the patronymic connector, which stands alone or before the father's name
(``bin Laden``, ``bin-Laden``)."""
_ABD_WORDS = frozenset(
    [
        "abd",
        "abdul",
        "abdel",
        "abdal",
        "abdol",
        "abdoul",
        "abdou",
        "abdu",
        "abdur",
        "abdus",
        "abdar",
        "abdas",
    ]
)
_DIN = re.compile(r"^([a-z]{3,}?)(?:[aeiou]d|[aeiou]l|[aeiou])d(?:in|een|ine)$")
_ALLAH = frozenset({"allah", "alla", "ullah", "ulla", "ellah", "illah", "lah", "la"})
_JOINED_ALLAH = frozenset({"allah", "alla", "ullah", "ulla", "ellah", "illah"})
"""``Najib Ullah``, ``نجيب الله`` and ``Najibullah`` are one part: joined to the word before."""
_FUSED = re.compile(r"^(?:al|el)([a-z]{4,})$")
_NOT_FUSED_TEXT = """
alexander alexandre alessandro alexandros aleksandr aleksander alexandr alexis alexei
alexey aleksei aleksey albert alberto alfred alfredo alfonso alvaro alonso albina alina
alisa alicia alice allan allen alison elena elias elijah elisabeth elizabeth ellen
elliot elvira elmira elisa elise eleni eleanor elsie eldar elmar elvis
"""
_NOT_FUSED = frozenset(_NOT_FUSED_TEXT.split())
"""Names that begin like the Arabic article but are not ``al-`` + a name."""
_DIN_WORDS = frozenset(
    {"din", "deen", "dyn", "eddine", "eddin", "uddin", "uddeen", "addin", "eldin", "aldin"}
)
"""``Salah Eddine``, ``Nur al-Din`` and ``Nuruddin`` are one part: joined to the word before."""
_ZADA_WORDS = frozenset({"zada", "zadah", "zade", "zadeh", "zadh", "zaada"})
"""The Persian and Pashto ``-zada`` ("son of": Akhundzada, Kazemzadeh) is written as a word of
its own in either script (``آخوند زاده``, ``Akhund Zada``) as often as attached: joined to
the word before (the readings of ``زاده`` are ``zade``, ``zadh``, ``zadah``)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One name part in Latin form with its keys, its weight, whether it came from an abjad,
    and its given-name equivalence class."""

    text: str
    skeleton: str
    phonetic: str
    weight: float
    abjad: bool = False
    # given-name equivalence class (``ictd.matching.equivalents``, ≥ 0), family-name class
    # (``ictd.matching.surnames``, ≤ -2) or -1
    equivalent: int = -1
    # romanised from a syllabic script (Han, Hangul, kana): ``ictd.matching.syllables``
    syllabic: bool = False
    # romanised from Arabic script (which writes a vowel at a word's ends: ``keys.vowels_agree``)
    arabic: bool = False
    # romanised from Hangul: its syllables are Korean ones only (``ictd.matching.syllables``)
    hangul: bool = False


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One romanisation of one name: its parts, in written order."""

    original: str
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)


def _weight(text: str, abjad: bool) -> float:
    if len(text) == 1:
        return 0.3
    if text in lx.GENERIC_ORG_WORDS:
        return 0.25
    if text in PREFIXES:
        return 0.3
    if text in ORG_PLACES:
        return 0.5
    core = text[3:] if text.startswith("abd") and len(text) > 5 else text
    key, skel = phonetic(core), skeleton(core)
    if key in lx.VERY_COMMON_PHONETIC or (abjad and skel in lx.VERY_COMMON_SKELETONS):
        return 0.3 if core == text else 0.4
    if key in lx.COMMON_PHONETIC or (abjad and skel in lx.COMMON_SKELETONS):
        return 0.5 if core == text else 0.6
    if len(text) == 2:
        return 0.5
    return 1.0


_GLIDE = re.compile(r"^([hkg])w(?=[aeiou])")
"""``w`` after a first ``h``/``k``/``g`` of a Latin part is a consonant, not a vowel:
``Hwang`` is not ``Hong``, ``Kwak`` not ``Kak`` (abjad romanisations keep the vowel reading)."""


# The caches of the functions below with more than one argument are keyed by ONE string:
# the text and a fixed-width suffix for the other arguments (the same results and sizes as
# keyed by the arguments' tuple; ``org`` left out and ``None`` now share an entry). The
# reason is the cyclic garbage collector. A cache whose keys are strings (its values are its
# own links, which the collector does not track) is a dictionary the collector does not
# track; a tuple key made the caches of ``make_part`` and ``parse_name`` (100,000 entries
# and more each once an index of 100,000 subjects is built) tracked again with the first new
# name, and every collection of their generation then walked all their entries: half the
# collector's time in a manifest at 100,000 listed (docs/benchmarks.md, issue #13, round 7).
_FLAG = {False: "0", True: "1"}
_ORG = {None: "n", False: "0", True: "1"}
_ORG_OF = {v: k for k, v in _ORG.items()}


def make_part(
    text: str,
    abjad: bool = False,
    syllabic: bool = False,
    arabic: bool = False,
    hangul: bool = False,
) -> Part:
    """The ``Part`` for one lower-case ASCII word, with its keys and weight; ``syllabic``
    when it was romanised from a syllabic script (a Wade–Giles reading of a common Chinese
    name then weighs as its pinyin: ``lexicon.PINYIN_OF_WADE_GILES``), ``arabic`` from
    Arabic script (an abjad word only), ``hangul`` from Hangul (a syllabic word only)."""
    return _cached_part(text + _FLAG[abjad] + _FLAG[syllabic] + _FLAG[arabic] + _FLAG[hangul])


@lru_cache(maxsize=200_000)
def _cached_part(key: str) -> Part:
    """``make_part`` of the text and flags in ``key`` (text, then four ``0``/``1``)."""
    text, flags = key[:-4], [flag == "1" for flag in key[-4:]]
    abjad, syllabic, arabic, hangul = flags
    keyed = text if abjad else _GLIDE.sub(r"\1v", text)
    skel = skeleton(keyed) or text
    if abjad:
        equivalent = equivalence_class_of_skeleton(skel)
        if equivalent == -1:
            equivalent = lookalike_class_of_skeleton(skel)
    else:
        equivalent = equivalence_class(text)
        if equivalent < 0:
            equivalent = surname_class(text)
        if equivalent == -1:
            equivalent = lookalike_class(text)
    weight = _weight(lx.PINYIN_OF_WADE_GILES.get(text, text) if syllabic else text, abjad)
    arabic = arabic and abjad
    hangul = hangul and syllabic
    return Part(
        text, skel, phonetic(keyed) or text, weight, abjad, equivalent, syllabic, arabic, hangul
    )


def _clean(raw: str) -> list[str]:
    text = unicodedata.normalize("NFKC", raw).casefold()
    text = _DROP.sub("", fold_org_phrases(text)).replace("&", " and ")
    text = _SYLLABLE_BIN.sub(r"\1\2", text)
    kept = [
        ch if ch.isalnum() or ch == "\u200c" or unicodedata.category(ch)[0] == "M" else " "
        for ch in text
    ]
    words: list[str] = []
    for word in "".join(kept).split():
        words.extend(
            split_arabic_word(word) if any("\u0600" <= c <= "\u06ff" for c in word) else [word]
        )
    return [w.strip("\u200c") for w in words if w.strip("\u200c")]


Token = tuple[str, bool]  # (ascii text, came from an abjad script)
_SYLLABIC = frozenset({Script.HAN, Script.HANGUL, Script.KANA})
_ARABIC_LATIN = frozenset({Script.ARABIC, Script.LATIN})
"""Scripts of syllables: a part romanised from them is ``Part.syllabic``."""


def _slots(words: list[str]) -> list[tuple[tuple[str, ...], bool]]:
    slots = []
    for word in words:
        forms, script = romanise_word(word)
        abjad = script in ABJADS and not (script is Script.ARABIC and is_fixed_word(word))
        slots.append((forms, abjad))
    return slots


def _variants(words: list[str]) -> list[list[Token]]:
    slots = _slots(words)
    count = min(MAX_VARIANTS, max((len(forms) for forms, _ in slots), default=1))
    out: list[list[Token]] = []
    for k in range(count):
        tokens: list[Token] = []
        for forms, abjad in slots:
            tokens.extend((t, abjad) for t in _WORD.findall(forms[min(k, len(forms) - 1)]))
        out.append(tokens)
    for tokens in out[:1]:  # the article written fused in Latin: Alubaidi, Elhassan
        apart = [(t, abjad) for text, abjad in tokens for t in _unfused_words(text, abjad)]
        if apart != tokens and len(out) < MAX_VARIANTS:
            out.append(apart)
        if len(out) < MAX_VARIANTS and is_somali_spelling([t for t, abjad in tokens if not abjad]):
            out.append([(t if abjad else somali_reading(t), abjad) for t, abjad in tokens])
    return out


def _unfused_words(text: str, abjad: bool) -> list[str]:
    """``text`` without a fused article; an honorific keeps it, as a word of its own
    (``Elsheikh`` → ``el sheikh``: a family name, ``_family_name``)."""
    if abjad:
        return [text]
    apart = _unfused(text)
    if apart != text and apart in lx.HONORIFICS:
        return [text[: len(text) - len(apart)], apart]
    return [apart]


def _unfused(text: str) -> str:
    m = _FUSED.match(text)
    keep = text in _NOT_FUSED or text in lx.GENERIC_ORG_WORDS  # not ``ectronics``
    return m.group(1) if m and not keep else text


def _drop_phrases(tokens: list[Token]) -> list[Token]:
    """Drop legal forms written as several words (``you xian gong si``, ``Sdn Bhd``)."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for n in (5, 4, 3, 2):
            if "".join(t for t, _ in tokens[i : i + n]) in LEGAL_PHRASES and i + n <= len(tokens):
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


_LONG_LEGAL_FORMS = (
    "company",
    "compagnie",
    "corporation",
    "establishment",
    "incorporated",
    "kompaniya",
    "limited",
)
"""Legal forms a slip does not make into a name (``sharika`` one letter off is ``Sharifa``)."""
_SHORT_LEGAL_FORMS = tuple(sorted(w for w in lx.LEGAL_FORMS if 3 <= len(w) <= 5))
_LONG_FOLDS = tuple((w, f) for w, f in lx.WORD_FOLDS.items() if len(w) >= 8)


def _misspelt_legal_form(text: str, org: bool | None, last: bool) -> bool:
    """``text`` is a legal form with a slip: one edit in one of ``_LONG_LEGAL_FORMS``
    (``comapny``, ``limted``), two in one of nine letters or more (``corporatoin``); in an
    organisation's name, one edit in a shorter one as its last word (``jcs``, ``lc``)."""
    return _cached_legal_form(text + _ORG[org] + _FLAG[last])


@lru_cache(maxsize=50_000)
def _cached_legal_form(key: str) -> bool:
    """``_misspelt_legal_form`` of the text, ``org`` and ``last`` in ``key`` (keyed by one
    string: see ``make_part``)."""
    text, org, last = key[:-2], _ORG_OF[key[-2]], key[-1] == "1"
    if org is False or len(text) < 2 or text in lx.LEGAL_FORMS:
        return False
    if len(text) >= 6:
        for form in _LONG_LEGAL_FORMS:
            slips = 2 if len(form) >= 9 and len(text) >= 8 else 1
            if abs(len(form) - len(text)) <= slips and OSA.distance(text, form) <= slips:
                return True
    if org is True and last and len(text) <= 5:
        return any(
            OSA.distance(text, form) <= 1 and text[0] == form[0] for form in _SHORT_LEGAL_FORMS
        )
    return False


@lru_cache(maxsize=50_000)
def _fold_word(text: str) -> str:
    """``WORD_FOLDS`` also for a long word written with a slip or two (``internatioal``)."""
    folded = lx.WORD_FOLDS.get(text)
    if folded is not None:
        return folded
    if len(text) >= 8:
        for word, fold in _LONG_FOLDS:
            slips = 2 if len(word) >= 10 else 1
            if abs(len(word) - len(text)) <= slips and OSA.distance(text, word) <= slips:
                return fold
    return text


def _after_prefix(text: str) -> bool:
    """``il`` after ``abd``/``abu`` is the article (``Abd il-Aziz``), elsewhere a name part."""
    return text in _ABD_WORDS or text in lx.KUNYA


def _conjunction(tokens: list[Token], i: int) -> bool:
    """The one-letter word at ``i`` (``y``, ``i``) is a conjunction between two words, not an
    initial: it has a word on each side and neither is a single letter (``SAFAVI, Y R`` and
    ``J. Y. Son`` write initials)."""
    if not 0 < i < len(tokens) - 1:
        return False
    return len(tokens[i - 1][0]) > 1 and len(tokens[i + 1][0]) > 1


def _drop(tokens: list[Token], org: bool | None) -> list[Token]:
    """Drop honorifics, stop words, legal forms (also misspelt), articles and connectors, and
    after the first word of a person's name generational suffixes (``Santos III``, ``Jr.``;
    also when the kind is unknown) and numbers (``born in 1963``), keeping at least one. A
    connector that ends a name after one kept word is a given name (Chinese and Korean
    ``Bin``: ``Hu Bin``, ``Haji Wang Bin``), not the ``bin`` that stands before a father's
    name; after two words or more it goes wherever it stands (``Laden, Usama bin``)."""
    if org is not False and len(tokens) > 2:
        tokens = _drop_phrases(tokens) or tokens
    out: list[Token] = []
    texts = [t for t, _ in tokens]
    for i, (text, abjad) in enumerate(tokens):
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        text = _fold_word(text)
        droppable = (
            (text in lx.HONORIFICS and not _family_name(texts, i))
            or (text in lx.STOP_WORDS and (len(text) > 1 or _conjunction(tokens, i)))
            or (text in lx.CONNECTORS and (nxt != "" or len(out) != 1))
            or (org is not True and i > 0 and text in lx.GENERATIONS)
            or (org is False and i > 0 and text.isdigit())
            or (text == "il" and nxt != "" and i > 0 and _after_prefix(tokens[i - 1][0]))
            or text in lx.LEGAL_FORMS
            or (org is True and text in lx.AMBIGUOUS_LEGAL_FORMS)
            or (len(tokens) > 1 and _misspelt_legal_form(text, org, nxt == ""))
            or (text in lx.ARTICLES and nxt != "")
            or (text in lx.ASSIMILATED_ARTICLES and nxt.startswith(text[1:]) and nxt != text)
            or (org is True and is_org_slip(text, texts, i))
        )
        if not droppable:
            out.append((text, abjad))
    return out or tokens


def _family_name(texts: list[str], i: int) -> bool:
    """The honorific at ``i`` follows the article, after a name: a family name, not a title
    (``Abdul Aziz Al-Sheikh``, ``Elshafee El Sheikh``, ``Hassan al-Mulla``, ``Ahmad Al-Mufti``)."""
    article = texts[i - 1] in lx.ARTICLES or texts[i - 1] in lx.ASSIMILATED_ARTICLES
    if i < 2 or not article:
        return False
    before = texts[i - 2]
    return before not in lx.HONORIFICS and before not in lx.ARTICLES


def _split_abd(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for text, abjad in tokens:
        m = lx.ABD_PREFIX.match(text)
        if m and text not in _ABD_WORDS:
            rest = text[m.end() :]
            if len(rest) > 1 and rest[0] == rest[1]:
                rest = rest[1:]
            out.extend([("abd", False), (rest, abjad)])
        else:
            out.append((text, abjad))
    return out


_KUNYA_FORM = {"abou": "abu", "abo": "abu", "abi": "abu", "um": "umm", "oum": "umm", "omm": "umm"}
PREFIXES = frozenset({"abd", "abu", "umm"})
"""``abd``, ``abu`` and ``umm`` standing alone: a compound split apart (``abd`` + ``rahman``), or
written without the word it belongs to (``Abdul R.``, ``Shafiq Abdul``). They weigh little."""


def _join(tokens: list[Token], split: bool = False) -> list[Token]:
    """Join ``abd``/``abu`` with the next part and ``X al-Din`` into one part.

    Never with an initial (``Abdul R. Makki`` is ``abd r makki``); with ``split`` the
    compounds stay two parts (``abd rahman``; ``abdlah`` stays whole), so that a name that
    lost the second word of its compound (``Abdul Agha`` for ``Abdul Rahman Agha``) or wrote
    it as an initial still finds its ``abd``. A prefix left alone is written ``abd``/``abu``.
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        text, abjad = tokens[i]
        if text in _ABD_WORDS or text in lx.KUNYA:
            nxt, nxt_abjad = tokens[i + 1] if i + 1 < len(tokens) else ("", abjad)
            text = "abd" if text in _ABD_WORDS else _KUNYA_FORM.get(text, text)
            if text == "abd" and nxt in _ALLAH:
                out.append(("abdlah", nxt_abjad))
                i += 2
                continue
            if len(nxt) > 1 and not split:
                out.append((text + nxt, nxt_abjad))
                i += 2
                continue
            if text in PREFIXES:
                out.append((text, abjad))
                i += 1
                continue
        if text in _DIN_WORDS and out:
            prev, prev_abjad = out.pop()
            out.append((prev + "din", prev_abjad))
        elif text in _ZADA_WORDS and out and len(out[-1][0]) > 2 and out[-1][0] not in PREFIXES:
            prev, prev_abjad = out.pop()
            out.append((prev + text, prev_abjad))
        elif text in _JOINED_ALLAH and out and len(out[-1][0]) > 2 and out[-1][0] != "abd":
            prev, prev_abjad = out.pop()
            out.append((prev + ("lah" if prev_abjad else "ullah"), prev_abjad))
        else:
            m = _DIN.match(text)
            out.append((m.group(1) + "din", abjad) if m else (text, abjad))
        i += 1
    return out


_ABD_SPELLINGS = ("abdul", "abdel", "abdoul")
"""The spellings of the ``abd`` word that a slip is read back to (``_misspelt_abd``)."""


@lru_cache(maxsize=50_000)
def _misspelt_abd(text: str) -> bool:
    """``text`` is ``abdul``/``abdel``/``abdoul`` with one slip after the first letter
    (``adbul``, ``abduul``, ``aboel``, ``andul``): five letters or more, so that ``Adel`` and
    ``Abel`` stay names; not one of them with a letter added at the end (``abdull`` is
    ``Abdulla`` cut short)."""
    return (
        5 <= len(text) <= 7
        and text[0] == "a"
        and text not in _ABD_WORDS
        and not text.startswith(_ABD_SPELLINGS)
        and any(OSA.distance(text, form) == 1 for form in _ABD_SPELLINGS)
    )


def _read_abd(tokens: list[Token], org: bool | None) -> list[Token]:
    """A person's misspelt ``abd`` word before another word read as ``abdul`` (``Adbul
    Qddus`` is ``abdqddus``, like ``Abdul Quddus``); never in an organisation's name."""
    if org is True:
        return tokens
    return [
        ("abdul", abjad)
        if not abjad and i + 1 < len(tokens) and len(tokens[i + 1][0]) > 1 and _misspelt_abd(text)
        else (text, abjad)
        for i, (text, abjad) in enumerate(tokens)
    ]


def _apply_rules(
    tokens: list[Token],
    org: bool | None,
    syllabic: bool = False,
    arabic: bool = False,
    hangul: bool = False,
) -> list[tuple[Part, ...]]:
    """The parts of ``tokens``: compounds joined, then (when there are any) split.
    ``syllabic`` / ``arabic`` / ``hangul``: every word was written in a syllabic script /
    Arabic script / Hangul."""
    kept = _drop(_split_abd(_read_abd(tokens, org)), org)
    joined = _join(kept)
    out = [tuple(make_part(text, abjad, syllabic, arabic, hangul) for text, abjad in joined)]
    if any(text in _ABD_WORDS or text in lx.KUNYA for text, _ in kept) and not org:
        split = _join(kept, split=True)
        apart = tuple(make_part(text, abjad, syllabic, arabic, hangul) for text, abjad in split)
        if apart != out[0]:
            out.append(apart)
    return out


def parse_name(raw: str, org: bool | None = None) -> tuple[ParsedName, ...]:
    """Every romanised variant of ``raw``, most likely first; ``()`` when it has no letters.
    Names separated by ``;`` are each a variant (of the first name first).

    ``org`` says the name is an organisation's (True), a person's (False) or unknown (None).

    >>> [n.text for n in parse_name("Abd al-Rahman")]
    ['abdrahman']
    """
    return _cached_name(raw + _ORG[org])


@lru_cache(maxsize=100_000)
def _cached_name(key: str) -> tuple[ParsedName, ...]:
    """``parse_name`` of the name and ``org`` in ``key`` (keyed by one string: see
    ``make_part``)."""
    raw, org = key[:-1], _ORG_OF[key[-1]]
    named = drop_notes(raw)  # a list's notes on the name (``(previously listed as)``) left out
    if ";" in named or named != raw:  # several names in one string, as lists write them
        found: dict[tuple[Part, ...], ParsedName] = {}
        for piece in named.split(";"):
            for parsed in parse_name(piece, org):
                found.setdefault(parsed.parts, ParsedName(raw, parsed.parts))
        return tuple(found.values())
    readings = read_mrz_name(raw)
    if readings:
        return _parse_readings(raw, readings, org)
    short = drop_acronyms(raw)
    texts = [short, raw] if short != raw else [raw]
    spelt = spelt_initials(short) if org is not True else short
    if spelt != short:
        texts.append(spelt)
    construct = construct_state(short, org is False)  # ة read t before a word with the article
    if construct != short:
        texts.append(construct)
    if org is not False:  # an organisation's name as lists translate it (``شبکه`` network)
        texts.extend(translate_org_words(short))
    out: dict[tuple[Part, ...], ParsedName] = {}
    for text in texts:
        # the name without its abbreviation first; with it as written, a later variant; then
        # with initials run together (``JY Son``) apart
        words = _clean(text)
        scripts = {romanise_word(word)[1] for word in words}
        syllabic = bool(scripts) and scripts <= _SYLLABIC
        # an organisation's legal form and generic words folded to Latin ones (``شرکت``)
        arabic = scripts == {Script.ARABIC} or (org is True and scripts == _ARABIC_LATIN)
        hangul = scripts == {Script.HANGUL}
        for tokens in _variants(words):
            for parts in _apply_rules(tokens, org, syllabic, arabic, hangul):
                if parts and parts not in out:
                    out[parts] = ParsedName(raw, parts)
    return tuple(out.values())


def _parse_readings(
    raw: str, readings: tuple[str, ...], org: bool | None
) -> tuple[ParsedName, ...]:
    """The variants of every reading of ``raw`` (an MRZ name field), each keeping ``raw``."""
    out: dict[tuple[Part, ...], ParsedName] = {}
    for reading in readings:
        for parsed in parse_name(reading, org):
            out.setdefault(parsed.parts, ParsedName(raw, parsed.parts))
    return tuple(out.values())


def normalize_name(raw: str, org: bool | None = None) -> str:
    """The parts of the most likely romanisation, space-separated: the canonical form.

    >>> normalize_name("Sheikh Abdul-Rahman AL RASHID")
    'abdrahman rashid'
    """
    parsed = parse_name(raw, org)
    return parsed[0].text if parsed else ""
