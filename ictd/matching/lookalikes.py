"""Given names that look alike and are different names: ``Mehmet`` / ``Ahmet``, ``Sami`` / ``Rami``.

Our own table. Each line is one name in the Latin spellings it commonly takes (lower-case
ASCII, as ``ictd.matching.name`` writes a part): Arabic names as Arabic, Persian, Turkish,
Russian and Central Asian lists write them (``Muhammad`` is ``Mehmet`` in Turkish and
``Magomed`` in the Caucasus). Two names of different lines are one or two letters apart and
yet another person's name: a screener who writes ``Ahmet Öztürk`` does not mean ``Mehmet
Öztürk``, and ``Najibullah`` is not ``Habibullah``. Spelling alone takes them for one name
(``mehmet`` / ``ahmet`` reads 0.79), so two parts that are both spellings in this table are
at most ``native.OTHER_NAME_SIMILARITY`` alike when they spell two names, and not aligned.
The classes travel in the slot of ``Part.equivalent``, numbered from
``native.LOOKALIKE_BASE`` down, below the Korean family names of ``ictd.matching.surnames``
(which win where a spelling is in both).

Spellings shared by two names make one class (``Hamed`` is حامد and, in the Gulf, حمد;
``Kamel`` is كمال in the Maghreb), as in ``surnames``. Only the listed spellings are
classed, and an abjad word (short vowels unwritten) by its consonant skeleton when that is
one name's alone (``njbl`` is Najibullah's; Mahmud and Muhammad share ``mhmd``, so neither
is classed); a spelling not listed and a typo of one (``Mehmte``) compare as before. Names
that spelling alone does bring together (``Yusuf`` / ``Yousef``) need no line; names of one
class across languages (``Yusuf`` / ``Joseph``) are ``ictd.matching.equivalents``', which
wins.
"""

from __future__ import annotations

from ictd.matching.keys import skeleton
from ictd.matching.native import LOOKALIKE_BASE

__all__ = ["LOOKALIKE_GIVEN_NAMES", "lookalike_class", "lookalike_class_of_skeleton"]

_TEXT = """
muhammad mohammad mohammed muhammed mohamed mohamad muhamad mohamud mehmet mehmed magomed
    mukhammad mukhammed muhamed mohammod
ahmad ahmed ahmet akhmad akhmed ahmat
mahmud mahmoud mahmood mahmut makhmud mahmod
hasan hassan hasen hassen khasan
husayn husain hussain hussein husein hossein hosein huseyin husseyn khusein
umar omar omer oumar
ammar
saeed said saied saeid saiid
sayyid sayed seyed syed seyyed sayid
saad
saud saoud
karim kareem
rahim raheem rakhim
najibullah najibollah
habibullah habibollah
zabihullah zabiullah zabihollah
sami samy
rami ramy
hani hany
fadi fady
hadi hady
jamal gamal
kamal kemal kamel
khalid khaled
khalil khaleel
walid waleed
jalil jaleel
nasir nasser naser nacer
yasir yasser yaser
amir ameer
samir sameer
jamil jameel
rashid rasheed
aslan
ruslan
"""

LOOKALIKE_GIVEN_NAMES: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.split()) for line in _TEXT.replace("\n    ", " ").strip().splitlines()
)
"""One tuple per name: its Latin spellings."""


def _classes() -> dict[str, int]:
    """Spelling → class number (``LOOKALIKE_BASE`` down); names sharing a spelling are one."""
    merged: list[set[str]] = []
    for forms in LOOKALIKE_GIVEN_NAMES:
        group = set(forms)
        for m in [m for m in merged if m & group]:
            group |= m
            merged.remove(m)
        merged.append(group)
    return {form: LOOKALIKE_BASE - n for n, group in enumerate(merged) for form in group}


_BY_FORM = _classes()
_BY_SKELETON = {
    skel: found.pop()
    for skel, found in (
        (skel, {n for form, n in _BY_FORM.items() if skeleton(form) == skel})
        for skel in {skeleton(form) for form in _BY_FORM}
    )
    if len(found) == 1
}


def lookalike_class(text: str) -> int:
    """The class of a Latin given name of this table (≤ ``LOOKALIKE_BASE``), or -1."""
    return _BY_FORM.get(text, -1)


def lookalike_class_of_skeleton(skel: str) -> int:
    """The class of an abjad part with consonant skeleton ``skel`` (3 letters or more) when
    the skeleton is one name's alone, or -1."""
    return _BY_SKELETON.get(skel, -1) if len(skel) >= 3 else -1
