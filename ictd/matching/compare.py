"""Comparing names: part similarity and the best order-free assignment of parts.

``part_similarity`` is symmetric and in [0, 1]. Between two Latin parts it is the better of the
edit similarity of their ASCII forms and of their phonetic keys, raised when the consonant
skeletons agree; between two parts of ``TYPO_LENGTH`` letters or more that begin with the same
letter and are two edits apart or more, each edit of the ASCII forms counts as
``1 / (length + TYPO_SLACK)`` rather than ``1 / length``, so that two slips in a long part
(``Yildirim`` / ``Yilidim``) cost less. One edit is left as it is (counted with the slack it
raised false matches between different persons), and so are parts that begin differently:
there a difference is more often another name (``Karimov`` / ``Rakhimov``) than a slip. Between a
romanised abjad part (short vowels unwritten) and a Latin part it rests on the skeleton, and
checks that the long vowels written in the abjad agree.

``align`` assigns query parts to candidate parts greedily by similarity, whatever their order
(``LAST, First``), then tries joining two adjacent unassigned parts (``Ahmadi Nejad`` ↔
``Ahmadinejad``). The result says how much of each side's weight was matched.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from ictd.matching import native
from ictd.matching.joins import (
    INITIAL_JOIN,
    cap_initial_joins,
    initial_join_similarity,
    join_text,
    joined_parts,
)
from ictd.matching.keys import ends_agree, hard_letters_agree, vowels_agree
from ictd.matching.name import PREFIXES, ParsedName, Part, parse_name
from ictd.matching.syllables import SYLLABLE_SIMILARITY, different_syllable

_END_LETTERS = frozenset("aeiouhwy")
"""Last letters of an Arabic-script reading that stand for a written vowel letter or ``ه``."""

__all__ = [
    "INITIAL",
    "INITIAL_CREDIT",
    "INITIAL_EVIDENCE",
    "MIN_PART_SIMILARITY",
    "Alignment",
    "align",
    "is_initial_pair",
    "joined_parts",
    "name_similarity",
    "part_similarity",
    "prefill_similarities",
    "similarity_matrix",
    "similarity_matrix_reference",
]

MIN_PART_SIMILARITY = 0.6
"""Parts less similar than this are not assigned to each other."""
MIDDLE_WEIGHT = 0.4
"""A middle part (neither first nor last) left without a partner counts for this share of
its weight in its side's coverage: lists and screeners drop fathers' names and second given
names far more often than the given or the family name."""
DROPPED_MIDDLE_WEIGHT = 0.2
"""The share of the candidate's middle parts left without a partner when every part of the
query found one at least ``FULL_CREDIT`` alike: the query leaves them out (``Ahmad Rahmani``
for ``Ahmad Hasan Rahmani``; lists hold fathers' and grandfathers' names that screeners do not
write). They keep ``MIDDLE_WEIGHT`` beside another middle part written in their place
(``Ahmad Karim Rahmani``) or beside parts that only look alike (``Suda Maghribi`` for ``Hoda
Walid Maghribi``); so does a middle part of the query that the candidate lacks, which against
a listed person's short alias is more often another person's name."""
DROPPED_LAST_WEIGHT = 0.7
"""The share of the candidate's last part left without a partner when every part of a query
of two parts or more found one at least ``FULL_CREDIT`` alike (``DROPPED_MIDDLE_WEIGHT``'s
condition; a query of one word is a name, not a name written short): the query is the name
written short, its last parts left out (``Adib Shaban`` for ``Adib Shaban al-Ani``; aliases
leave out the family's, tribe's or place's name, organisations the words after their name).
The query wrote nothing in its place, so it counts less than in full — but more than a
middle part: a name that begins with a common query is often another person's (``Juan Cruz
Jr.`` is not ``Juan Cruz Santos``, 0.71 at a share of 0.4). A last part of the query without
a partner (``Karim Haddad Rashidi``) still counts in full."""
FULL_CREDIT = 0.9
"""A partner at least this alike (a spelling or transliteration variant: ``Yousef`` /
``Yusuf``) covers a part's weight in full; a less alike one covers its share. The name
evidence still counts the similarity itself."""
INITIAL_CREDIT = 1.0
"""How much of a part's weight an agreeing initial covers (``J.`` for ``Jae``; an initial
against a part it begins): an initial writes a name short, it does not leave it out, so the
part counts as found on both sides (it did count ``INITIAL_SIMILARITY / FULL_CREDIT``, 0.83:
``J. Y. Son`` against ``Son Jae-young`` read 0.27). What an initial says of the person is
small, and ``INITIAL_EVIDENCE`` counts that."""
INITIAL_EVIDENCE = 0.6
"""The share of a pair's evidence (``min(weight) × similarity``) that an initial gives: one
letter agrees where many names begin (``A. Khan`` is any Khan whose name begins with an A),
so one initial beside a common family name stays under 0.5 and two initials beside it, or
one beside a rare family name, reach it."""
FIRST, LAST = 1, 2
INITIAL = 4
"""A third flag beside ``FIRST`` and ``LAST`` in the flags the kernel reads
(``bound.QueryParts.first``): the part is an initial."""
SHORT_SKELETON = native.SHORT_SKELETON
"""Skeletons shorter than this (``kk`` for Keiko and Kyoko) say little: such parts are
compared by spelling and phonetic key only."""
"""End flags of a part: it stands for its name's first part, its last part (or both)."""
INITIAL_SIMILARITY = native.INITIAL_SIMILARITY
EQUIVALENT_SIMILARITY = native.EQUIVALENT_SIMILARITY
"""Given names of one equivalence class (``Yusuf`` / ``Joseph``), and spellings of one
family name of ``ictd.matching.surnames`` (``Lee`` / ``Rhee``), are at least this similar."""
DISTINCT_SIMILARITY = native.DISTINCT_SIMILARITY
"""Spellings of two different family names of ``ictd.matching.surnames`` (``Choi`` /
``Cho``) are at most this similar."""
TYPO_LENGTH = native.TYPO_LENGTH
"""Two Latin parts this long or longer (both), beginning with the same letter and two edits
apart or more, have their edits counted with ``TYPO_SLACK``."""
TYPO_SLACK = native.TYPO_SLACK
"""Letters added to the length an edit is measured against in long parts: a slip costs
``1 / (length + TYPO_SLACK)``; two slips in ``Yildirim`` leave 0.8, not 0.75."""


HARD_LETTER_SIMILARITY = 0.6
"""An abjad part read with a g and a Latin one with equal skeleton that has a k there
(``keys.hard_letters_agree``): aligned, weakly."""


END_VOWEL_SIMILARITY = 0.5
"""An Arabic-script part and a Latin one with equal skeleton that has a vowel at an end
where the Arabic has a consonant (``keys.ends_agree``: ``معاذ`` is not ``Imad``): not
aligned."""


def _abjad_latin(abjad: Part, latin: Part) -> float:
    """Equal skeletons: 0.95 when the long vowels written in the abjad show in the Latin
    spelling, less when they do not (``حسین`` is not ``Hassan``), still less for a skeleton
    of two consonants or fewer, which many names share; 0.6 when the abjad's reading has a g
    where the Latin has a k (``جمال`` read Gamal is not Kamal); 0.5 when an Arabic-script
    word has no vowel at an end where the Latin has one (``ملک`` is not ``Malka``).
    Different skeletons: a consonant that differs is another letter, not a spelling habit, so
    the similarity falls faster than the edit similarity of the skeletons."""
    if abjad.skeleton == latin.skeleton:
        if not hard_letters_agree(abjad.text, latin.text):
            return HARD_LETTER_SIMILARITY
        if abjad.arabic and not ends_agree(abjad.text, latin.text):
            return END_VOWEL_SIMILARITY
        if vowels_agree(abjad.text, latin.text):
            return 0.95
        return 0.75 if len(abjad.skeleton) >= SHORT_SKELETON else 0.65
    lev = _lev(abjad.skeleton, latin.skeleton)
    return 0.9 * lev * math.sqrt(lev)


def _lev(a: str, b: str) -> float:
    return float(OSA.normalized_similarity(a, b))


def part_similarity(a: Part, b: Part) -> float:
    """Similarity of two name parts in [0, 1]; symmetric.

    >>> from ictd.matching.name import make_part
    >>> part_similarity(make_part("mohammed"), make_part("muhammad"))
    1.0
    """
    if a.text == b.text:
        return 1.0
    if INITIAL_JOIN in a.text or INITIAL_JOIN in b.text:
        return initial_join_similarity(a, b)
    if len(a.text) == 1 or len(b.text) == 1:
        if a.text[0] != b.text[0]:
            return 0.0
        return SYLLABLE_SIMILARITY if _other_syllable(a, b) else INITIAL_SIMILARITY
    sim = _classed_similarity(a, b)
    if sim > SYLLABLE_SIMILARITY and _other_syllable(a, b):
        return SYLLABLE_SIMILARITY
    if sim > END_VOWEL_SIMILARITY and _other_end_letter(a, b):
        return END_VOWEL_SIMILARITY
    return sim


def _other_end_letter(a: Part, b: Part) -> bool:
    """Two parts read from Arabic script with equal skeletons, one ending in a vowel (or
    ``h``: ``_END_LETTERS``) and the other in a consonant: the script wrote a letter (``ه``,
    ``ا``, ``ی``) in one word that the other has not, so they are two words (``پارسه``
    Parseh / ``پارس`` Pars, ``سعيده`` Saeeda / ``سعيد`` Saeed), as ``keys.ends_agree``
    tells an Arabic-script word from a Latin one. Also an Arabic-script part against a
    Hebrew one: Hebrew writes a last vowel with a letter as well (``ה``, ``א``, ``י``,
    ``ו``), so ``ملک`` (Malek) is not ``מלכה`` (Malka). Not for two Hebrew parts, whose
    romanisations leave a last alef out."""
    if not (a.abjad and b.abjad and (a.arabic or b.arabic)):
        return False
    if a.text == b.text or a.skeleton != b.skeleton:
        return False
    return (a.text[-1] in _END_LETTERS) != (b.text[-1] in _END_LETTERS)


def _classed_similarity(a: Part, b: Part) -> float:
    sim = _spelling_similarity(a, b)
    if a.equivalent == -1 or b.equivalent == -1:
        return sim
    if a.equivalent == b.equivalent:
        return max(sim, EQUIVALENT_SIMILARITY)
    if a.equivalent <= -2 and b.equivalent <= -2:  # two family names, or given names
        return min(sim, native.distinct_cap(a.equivalent, b.equivalent))
    return sim


def _other_syllable(a: Part, b: Part) -> bool:
    """One of two different parts was written in a syllabic script and the other has more
    or fewer syllables, or one that begins with another consonant
    (``syllables.different_syllable``; a part read from Hangul in Korean syllables only):
    another character, another name, even when all their keys agree (박정호 ``jeongho`` /
    박정희 ``jeonghui``; Hangul against Han or kana in every language). Not for two spellings
    of one name class, initials, nor abjads. A syllable of one letter (Japanese 王 ``o``,
    Korean 이 ``i``) is a whole part, not an initial: it does not stand for ``ohayon``."""
    if not (a.syllabic or b.syllabic) or a.text == b.text:
        return False
    if len(a.text) == 1 or len(b.text) == 1:  # an initial, unless it is a whole syllable
        return (len(a.text) == 1 and a.syllabic) or (len(b.text) == 1 and b.syllabic)
    if a.abjad or b.abjad:
        return False
    if a.equivalent != -1 and a.equivalent == b.equivalent:
        return False
    other = b if a.hangul else a
    korean = (a.hangul or b.hangul) and not (other.syllabic and not other.hangul)
    return different_syllable(a.text, b.text, korean)


def _cap_syllables(out: np.ndarray, query: list[Part], candidates: list[Part]) -> None:
    """``SYLLABLE_SIMILARITY`` at most for the pairs of ``_other_syllable``, in place. Only
    rows and columns of parts from a syllabic script are looked at: most names have none."""
    rows = [p.syllabic for p in query]
    columns = [p.syllabic for p in candidates]
    if not any(rows) and not any(columns):
        return
    look = (np.array(rows)[:, None] | np.array(columns)[None, :]) & (out > SYLLABLE_SIMILARITY)
    for i, j in zip(*(axis.tolist() for axis in np.nonzero(look)), strict=True):
        if _other_syllable(query[i], candidates[j]):
            out[i, j] = SYLLABLE_SIMILARITY


def _spelling_similarity(a: Part, b: Part) -> float:
    if a.abjad != b.abjad:
        return _abjad_latin(a, b) if a.abjad else _abjad_latin(b, a)
    if a.abjad:  # two abjads: an equal skeleton of one or two consonants says little
        sim = _lev(a.text, b.text)
        same = a.skeleton == b.skeleton and len(a.skeleton) >= SHORT_SKELETON
        return max(sim, 0.9) if same else sim
    text_sim = _typo_similarity(a.text, b.text)
    if min(len(a.skeleton), len(b.skeleton)) < SHORT_SKELETON:
        return max(text_sim, 0.9 * _lev(a.phonetic, b.phonetic))
    return max(text_sim, 0.55 * _lev(a.skeleton, b.skeleton) + 0.45 * _lev(a.phonetic, b.phonetic))


def _typo_similarity(a: str, b: str) -> float:
    """Edit similarity of two Latin parts, with ``TYPO_SLACK`` for parts of ``TYPO_LENGTH``
    letters or more that begin alike and are two edits apart or more (the arithmetic of
    ``native.combine``)."""
    sim = _lev(a, b)
    if min(len(a), len(b)) < TYPO_LENGTH or a[0] != b[0]:
        return sim
    longest = float(max(len(a), len(b)))
    if (1.0 - sim) * longest <= 1.5:  # one edit: as it is (two names, more often than a slip)
        return sim
    return 1.0 - (1.0 - sim) * longest / (longest + TYPO_SLACK)


def _lev_matrix(left: list[str], right: list[str]) -> np.ndarray:
    return np.asarray(cdist(left, right, scorer=OSA.normalized_similarity, dtype=np.float64))


def part_meta(parts: Sequence[Part], empty: int = -2) -> np.ndarray:
    """Per part, what ``native.combine`` needs beside the strings, as an ``n × 6`` int64 array.

    Skeleton length, abjad or not, initial or not, the first letter's code point (``empty``
    for a part without text; query and candidate sides use different values, so that two
    empty parts are never taken for the same initial), the given-name equivalence class or
    family-name class (``Part.equivalent``, -1 for none) and the length of the text.
    """
    return np.array(
        [
            (
                len(p.skeleton),
                p.abjad,
                len(p.text) == 1,
                ord(p.text[0]) if p.text else empty,
                p.equivalent,
                len(p.text),
            )
            for p in parts
        ],
        dtype=np.int64,
    ).reshape(len(parts), native.META)


def _edit_matrices(
    query: list[Part], candidates: list[Part], texts: tuple[list[str], list[str]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    q_text, c_text = texts or ([p.text for p in query], [p.text for p in candidates])
    text = _lev_matrix(q_text, c_text)
    skel = _lev_matrix([p.skeleton for p in query], [p.skeleton for p in candidates])
    phon = _lev_matrix([p.phonetic for p in query], [p.phonetic for p in candidates])
    return text, skel, phon


def _cap_end_letters(
    out: np.ndarray, query: list[Part], candidates: list[Part], c_meta: np.ndarray
) -> None:
    """``END_VOWEL_SIMILARITY`` at most for the pairs of ``_other_end_letter``, in place.
    Only when both sides have parts read from an abjad, one of them Arabic script;
    ``c_meta``: ``part_meta(candidates)``, whose second column tells the abjad parts."""
    rows = [i for i, p in enumerate(query) if p.abjad]
    if not rows:
        return
    columns = np.flatnonzero(c_meta[:, 1]).tolist()
    if not any(query[i].arabic for i in rows) and not any(candidates[j].arabic for j in columns):
        return
    for i in rows:
        for j in columns:
            if out[i, j] > END_VOWEL_SIMILARITY and _other_end_letter(query[i], candidates[j]):
                out[i, j] = END_VOWEL_SIMILARITY


def similarity_matrix(
    query: list[Part], candidates: list[Part], candidate_meta: np.ndarray | None = None
) -> np.ndarray:
    """``part_similarity`` of every pair, as a ``len(query) × len(candidates)`` float matrix.

    Three rapidfuzz edit-similarity matrices, combined per pair by ``native.combine`` with
    exactly the arithmetic of ``part_similarity``; only the rare abjad–Latin pairs with
    equal skeletons, which need ``vowels_agree``, are decided one by one. ``candidate_meta``
    is ``part_meta(candidates)``, when the caller keeps it.
    """
    if not query or not candidates:
        return np.zeros((len(query), len(candidates)))
    c_meta = part_meta(candidates) if candidate_meta is None else candidate_meta
    texts = ([p.text for p in query], [p.text for p in candidates])
    edits = _edit_matrices(query, candidates, texts)
    out, exact = native.combine(*edits, part_meta(query, -1), c_meta)
    for i, j in exact:
        out[i, j] = _decided_similarity(query[i], candidates[j])
    _cap_syllables(out, query, candidates)
    _cap_end_letters(out, query, candidates, c_meta)
    cap_initial_joins(out, texts)
    return out


@lru_cache(maxsize=50_000)
def _decided_similarity(a: Part, b: Part) -> float:
    """``part_similarity`` of a pair ``native.combine`` leaves to Python, remembered across
    queries: the same record parts meet the same query parts again, and a pair's value
    depends on the two parts alone."""
    return part_similarity(a, b)


def similarity_matrix_reference(query: list[Part], candidates: list[Part]) -> np.ndarray:
    """``similarity_matrix`` with the numpy arithmetic (``native.combine_numpy``) whatever
    the build: the specification the compiled kernel is held to."""
    if not query or not candidates:
        return np.zeros((len(query), len(candidates)))
    texts = ([p.text for p in query], [p.text for p in candidates])
    c_meta = part_meta(candidates)
    out, exact = native.combine_numpy(
        *_edit_matrices(query, candidates, texts), part_meta(query, -1), c_meta
    )
    for i, j in exact:
        out[i, j] = part_similarity(query[i], candidates[j])
    _cap_syllables(out, query, candidates)
    _cap_end_letters(out, query, candidates, c_meta)
    cap_initial_joins(out, texts)
    return out


def prefill_similarities(
    query: list[Part], candidates: list[Part], cache: dict[tuple[int, int], float]
) -> None:
    """Fill ``cache[(id(q), id(c))]`` with ``part_similarity`` for every pair, in bulk."""
    if not query or not candidates:
        return
    sims = similarity_matrix(query, candidates).tolist()
    c_ids = [id(cp) for cp in candidates]
    for qp, row in zip(query, sims, strict=True):
        cache.update(zip(zip(repeat(id(qp)), c_ids), row, strict=True))


@dataclass(frozen=True, slots=True)
class Alignment:
    """The assignment of one query name's parts to one candidate name's parts."""

    query: ParsedName
    candidate: ParsedName
    pairs: tuple[tuple[Part, Part, float], ...]
    query_coverage: float  # matched share of the query's part weight, similarity-weighted
    candidate_coverage: float  # the same for the candidate
    evidence: float  # sum of matched weights: how much a match on these parts says

    @property
    def similarity(self) -> float:
        """Harmonic mean of both coverages."""
        total = self.query_coverage + self.candidate_coverage
        if total == 0:
            return 0.0
        return min(1.0, 2 * self.query_coverage * self.candidate_coverage / total)


SimFn = Callable[[Part, Part], float]


def end_flag(parts: tuple[Part, ...], part: Part) -> int:
    """``FIRST`` | ``LAST`` as ``part`` (a part of ``parts`` or two of them joined) stands
    for the first or the last of ``parts``: the same part, or the first (last) joined to its
    neighbour; an initial only as itself. After a leading ``abd``/``abu`` split from its
    compound, the next part stands for the first too."""
    if not parts:
        return 0
    first, last = parts[0], parts[-1]
    text = part.text
    flag = 0
    # A part that merely begins like the first (``rustamovich`` after ``rustam``) is not it:
    # only the first joined to the second is (a joined text begins with the first's text
    # and ends with the second's: looked at only then).
    if (text == first.text and part.abjad == first.abjad) or (
        text.startswith(first.text)
        and len(parts) > 1
        and len(first.text) > 1
        and text == join_text(first, parts[1])
    ):
        flag = FIRST
    elif len(parts) > 2 and first.text in PREFIXES and text == parts[1].text:
        flag = FIRST  # ``abd rahman agha``: the compound's second word is the given name too
    if (text == last.text and part.abjad == last.abjad) or (
        text.endswith(last.text)
        and len(parts) > 1
        and len(last.text) > 1
        and text == join_text(parts[-2], last)
    ):
        flag |= LAST
    return flag


def end_flags(parts: tuple[Part, ...], among: Sequence[Part]) -> list[int]:
    """``end_flag`` of each of ``among``."""
    return [end_flag(parts, p) for p in among]


def _greedy(q: tuple[Part, ...], c: tuple[Part, ...], sim: SimFn) -> list[tuple[int, int, float]]:
    scored = []
    for i, qp in enumerate(q):
        for j, cp in enumerate(c):
            s = sim(qp, cp)
            if s >= MIN_PART_SIMILARITY:
                scored.append((-s, -(qp.weight + cp.weight), i, j))
    scored.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen = []
    for neg, _, i, j in scored:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            chosen.append((i, j, -neg))
    return chosen


def _joins(side: tuple[Part, ...], other: tuple[Part, ...], sim: SimFn) -> list[tuple[Part, ...]]:
    """``side`` with two adjacent parts joined, where the join matches a part of ``other``."""
    out = []
    for i, joined in enumerate(joined_parts(side)):
        if any(sim(joined, part) >= 0.85 for part in other):
            out.append((*side[:i], joined, *side[i + 2 :]))
    return out


def _credit(sim: float) -> float:
    """How much of a part's weight a partner this alike covers (``FULL_CREDIT``)."""
    return min(1.0, sim / FULL_CREDIT)


def is_initial_pair(a: Part, b: Part) -> bool:
    """Whether either of two aligned parts is an initial (``j`` ~ ``jae``, ``j`` ~ ``j``)."""
    return len(a.text) == 1 or len(b.text) == 1


def _pair_credit(a: Part, b: Part, sim: float, initials: bool) -> float:
    """``_credit``, or with ``initials`` ``INITIAL_CREDIT`` for an initial (aligned, so it
    agrees)."""
    if initials and is_initial_pair(a, b):
        return max(INITIAL_CREDIT, _credit(sim))
    return _credit(sim)


def _pair_evidence(a: Part, b: Part, sim: float, initials: bool) -> float:
    """What an aligned pair says of a match: ``min(weight) × similarity``, with
    ``initials`` less for an initial (``INITIAL_EVIDENCE``)."""
    share = INITIAL_EVIDENCE if initials and is_initial_pair(a, b) else 1.0
    return min(a.weight, b.weight) * sim * share


def _total(
    side: tuple[Part, ...], whole: ParsedName, used: set[int], dropped: bool, short: bool
) -> float:
    """The weight a side's coverage is measured against: unmatched middle parts count for
    ``MIDDLE_WEIGHT`` of theirs, ``DROPPED_MIDDLE_WEIGHT`` when the query ``dropped`` them,
    and the unmatched last part (not also the first) ``DROPPED_LAST_WEIGHT`` when the query
    is the name written ``short``."""
    middle = DROPPED_MIDDLE_WEIGHT if dropped else MIDDLE_WEIGHT
    last = DROPPED_LAST_WEIGHT if short else 1.0
    total = 0.0
    for i, part in enumerate(side):
        if i in used:
            total += part.weight
            continue
        flag = end_flag(whole.parts, part)
        total += part.weight * (middle if flag == 0 else last if flag == LAST else 1.0)
    return total or 1.0


def _align_parts(
    query: ParsedName,
    candidate: ParsedName,
    q: tuple[Part, ...],
    c: tuple[Part, ...],
    sim: SimFn,
    initials: bool,
) -> Alignment:
    chosen = _greedy(q, c, sim)
    credits = [_pair_credit(q[i], c[j], s, initials) for i, j, s in chosen]
    full = all(s >= FULL_CREDIT or k >= 1.0 for (_, _, s), k in zip(chosen, credits, strict=True))
    dropped = len(chosen) == len(q) and full
    q_total = _total(q, query, {i for i, _, _ in chosen}, False, False)
    # one word is a name, not a name written short (``Fazl`` for any ``Fazl …``)
    c_total = _total(c, candidate, {j for _, j, _ in chosen}, dropped, dropped and len(q) > 1)
    q_sum = sum(q[i].weight * k for (i, _, _), k in zip(chosen, credits, strict=True))
    c_sum = sum(c[j].weight * k for (_, j, _), k in zip(chosen, credits, strict=True))
    return Alignment(
        query=query,
        candidate=candidate,
        pairs=tuple((q[i], c[j], s) for i, j, s in chosen),
        query_coverage=min(1.0, q_sum / q_total),
        candidate_coverage=min(1.0, c_sum / c_total),
        evidence=sum(_pair_evidence(q[i], c[j], s, initials) for i, j, s in chosen),
    )


def align(
    query: ParsedName, candidate: ParsedName, sim: SimFn = part_similarity, initials: bool = True
) -> Alignment:
    """Best order-free assignment of ``query`` parts to ``candidate`` parts. ``initials``:
    one-letter parts are a person's initials (``INITIAL_CREDIT``, ``INITIAL_EVIDENCE``); in
    an organisation's name they are letters of an abbreviation or a legal form (``S.L.``)."""
    q, c = query.parts, candidate.parts
    best = _align_parts(query, candidate, q, c, sim, initials)
    if len(q) == len(c) or (best.query_coverage > 0.99 and best.candidate_coverage > 0.99):
        return best
    options = [(q2, c) for q2 in _joins(q, c, sim)] if len(q) > len(c) else []
    options += [(q, c2) for c2 in _joins(c, q, lambda a, b: sim(b, a))] if len(c) > len(q) else []
    for q2, c2 in options:
        other = _align_parts(query, candidate, q2, c2, sim, initials)
        if other.similarity > best.similarity:
            best = other
    return best


def name_similarity(a: str, b: str) -> float:
    """Symmetric similarity of two names as written (any script), in [0, 1].

    The best harmonic mean of both sides' coverage over every pair of romanisations.

    >>> name_similarity("Muhammad Abd al-Rahman", "ABDELRAHMAN, Mohammed")
    1.0
    """
    best = 0.0
    for x in parse_name(a):
        for y in parse_name(b):
            first, second = (x, y) if x.text <= y.text else (y, x)
            best = max(best, align(first, second).similarity)
    return best
