"""Given names that are one name across languages: ``Yusuf`` / ``Yosef`` / ``Joseph``.

Our own table. Each line is one class: the forms a name takes in Arabic, Persian, Turkish,
Hebrew, Greek, Russian and Western European use, as they are written in Latin (lower-case
ASCII). Spelling variants of one form (``Yousef``, ``Youssef``) need not be listed: the edit
and skeleton similarities find them; a class lists the forms that spelling alone does not
bring together (``Iskandar`` and ``Alexander``, ``Yahya`` and ``John``).

Two parts of the same class are at least ``compare.EQUIVALENT_SIMILARITY`` alike. A part
written in an abjad (short vowels unwritten) belongs to the class whose listed forms share its
consonant skeleton, when only one class does.
"""

from __future__ import annotations

from ictd.matching.keys import skeleton

__all__ = ["equivalence_class", "equivalence_class_of_skeleton"]

_CLASSES = """
yusuf yosef yossef joseph josef giuseppe jose iosif osip yusif yusup jozef
ibrahim avraham abraham avram abram ibragim ibrahem
ismail yishmael ishmael ismael ismoil ismayil
ishaq yitzhak yitzchak isaac isaak ishak
yaqub yaakov yakov jacob jakob jakub iakovos yakub giacomo jacques
musa moshe moses moise mose moisei musa
harun aharon aaron haroun
dawud david dawood davud davit daud dovid
sulayman shlomo solomon suleiman suleyman sulaymon solomone
yahya yohanan john johannes ioannis ivan jean juan giovanni jan yahia johann yannis
isa yeshua jesus iisus
maryam miriam maria mary marie mariam mariya meryem
yunus yona jonah jonas iona
ilyas eliyahu elijah elias ilya ilias
zakariya zekharya zechariah zacharias zakhar zakaria
nuh noah noach noe
adam adem odam
hawwa chava eve eva havva
sara sarah sarra
iskandar iskander aleksandr alexander alexandros alessandro alexandre aleksander
georgios george georg giorgio jorge jerzy georgi giorgos gheorghe
dimitrios dmitri dmitry demetrius dimitri dimitar
nikolaos nikolai nicholas nikola niccolo nicolas nicolae mikola
konstantinos konstantin constantine costantino
petros pyotr peter pietro pedro pierre piotr petr
pavlos pavel paul paolo pablo pawel
andreas andrei andrew andrea andres andre andrzej
michail mikhail michael michele miguel michel mikail mikael mikhael mikhayil
stefanos stepan stephen stefano esteban etienne stefan
vasileios vasily basil basilio
theodoros fyodor theodore fedor teodor
ekaterini yekaterina catherine katarina caterina ekaterina
eleni elena helen helena helene yelena
sofia sophia sofiya sophie
anna hanna hannah anne ana
elisabeth elizabeth elisaveta yelizaveta elisabetta isabel elisa
"""


def _classes() -> tuple[dict[str, int], dict[str, int]]:
    by_form: dict[str, int] = {}
    skeletons: dict[str, set[int]] = {}
    for number, line in enumerate(_CLASSES.strip().splitlines()):
        for form in line.split():
            by_form.setdefault(form, number)
            skeletons.setdefault(skeleton(form), set()).add(number)
    unique = {skel: next(iter(found)) for skel, found in skeletons.items() if len(found) == 1}
    return by_form, unique


_BY_FORM, _BY_SKELETON = _classes()


def equivalence_class(text: str) -> int:
    """The class number of a Latin name part, or -1 when it belongs to none."""
    return _BY_FORM.get(text, -1)


def equivalence_class_of_skeleton(skel: str) -> int:
    """The class of an abjad part with consonant skeleton ``skel`` (3 letters or more), or -1."""
    return _BY_SKELETON.get(skel, -1) if len(skel) >= 3 else -1
