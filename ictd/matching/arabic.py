"""Our own romanisation of Arabic-script names (Arabic, Persian, Urdu), tuned to Latin spellings.

Generic transliteration (ICU Any-Latin) writes scholarly forms (``ʿbd alrḥmn``) that lose much
cross-script recall. This table writes each letter the way names are spelt in Latin lists:
long vowels as ``a``/``i``/``u``, ``خ`` as ``kh``, ``ق`` as ``q``, ``ع`` as ``a`` or nothing,
``ة`` as ``a``. Short vowels are usually unwritten, so the result is compared by consonant skeleton
(``ictd.matching.keys``). Particles and compounds are recognised in the Arabic script itself
(``ال``, ``بن``, ``أبو``, ``عبد``) so that the rules of ``ictd.matching.name`` apply in
both scripts.
"""

from __future__ import annotations

from ictd.matching.script import is_persian_urdu

__all__ = ["construct_state", "romanise_arabic", "split_arabic_word"]

_LETTERS: dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "dh",
    "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "ى": "a",
    # Persian and Urdu
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ٹ": "t", "ڈ": "d", "ڑ": "r",
    "ں": "n", "ہ": "h", "ھ": "h", "ۀ": "e", "ے": "e", "ۓ": "e", "ە": "e", "ێ": "e", "ۆ": "o",
    "ڤ": "v", "ڨ": "g", "ڭ": "ng",
    # Pashto
    "ځ": "z", "څ": "s", "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "ګ": "g", "ڼ": "n",
    "ټ": "t", "ې": "e", "ۍ": "ai",
    # short vowels and signs, when written
    "\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a",
}  # fmt: skip
_SILENT = frozenset("\u064b\u064c\u064d\u0652\u0640\u0651\u0654\u0655")  # tanwin, sukun, tatweel
_SHADDA = "\u0651"
_WAW = "و"
_YEH = frozenset("يی")
_DOTLESS_YEH = "ى"
"""Alif maqsura, ``a`` at the end of Arabic names (موسى Musa, مصطفى Mustafa, ليلى Laila); but
Egyptian and Afghan writing, and Persian and Urdu typed on Arabic keyboards, write the final
yeh without dots, as ``ى``: باهاجى Bahaji, حكيمى Hakimi, توخى Tokhi. The styles that read Persian
(and the Egyptian one) read it as yeh."""
_VOWEL_LETTERS = frozenset("اآأإىةويی")
_AYN = "ع"
_LONG_VOWELS = frozenset("اويی")
"""``ع`` inside a word before a consonant, or last after a long vowel, is not written as a
vowel of its own: Latin spellings put the vowel around it, whichever it is (``الزعبي``
Zoubi, Zaabi, ``سعد`` Saad, Sad), or leave it out at the end (``ربيع`` Rabi, ``مطيع`` Mati,
``شفيع`` Shafi). Rendering it ``a`` there made ``Zoubi`` look like another vowel
(``keys.vowels_agree``). First, before a vowel letter, or last after a consonant it stays
``a``: Arabic script writes a vowel there (``keys.ends_agree``)."""

# Whole words with a fixed Latin form: particles, honorifics, legal forms.
_WORDS: dict[str, str] = {
    "بن": "bin", "ابن": "ibn", "إبن": "ibn", "بنت": "bint", "ابو": "abu", "أبو": "abu",
    "ابي": "abi", "أبي": "abi", "ام": "umm", "أم": "umm", "عبد": "abd", "ال": "al",
    "شيخ": "sheikh", "الشيخ": "al sheikh", "حاج": "haji", "الحاج": "al haji", "ملا": "mullah",
    "حاجي": "haji", "الحاجي": "haji", "مولوي": "mawlawi", "مولانا": "maulana", "قاري": "qari",
    "مفتي": "mufti", "استاد": "ustad", "استاذ": "ustadh", "الاستاذ": "ustadh", "أستاذ": "ustadh",
    "السيد": "sayyid", "شركة": "company", "شركه": "company", "مؤسسة": "foundation",
    "الله": "allah", "اللہ": "allah", "محمد": "muhammad", "و": "and", "ولد": "ould",
    "لمتد": "ltd", "ليمتد": "ltd", "ليميتد": "ltd", "المحدودة": "limited", "محدودة": "limited",
}  # fmt: skip
# Letters that Persian, Urdu, Pashto and Turkish speakers (and many Latin spellings) say as s
# and z: ثابت → Sabit beside Thabit, ذاكر → Zakir beside Dhakir, فیض → Faiz, رضا → Raza,
# كاظم → Kazim beside Kadhim (``ظ`` is ``dh`` in the plain styles, as Iraqi and Gulf names
# write it: Kadhim, Nadhim, Hafidh).
_SOFT = str.maketrans({"ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز"})
_H_LETTERS = frozenset("حه")
_CLASH = frozenset("sktdgczp")  # a letter that would read as a digraph before a separate h


# Persian and Urdu letter forms of Arabic letters, for looking words up: ی ي, ک ك, ہ ە ه; and
# ى ي, the dotless final yeh of Egyptian and Afghan writing (حاجى, مولوى).
_FORMS = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "ہ": "ه", "ە": "ه", "\u200c": None})


def _key(word: str) -> str:
    """``word`` as the table of fixed words spells it: Arabic letter forms, no ZWNJ."""
    return word.translate(_FORMS)


def split_arabic_word(word: str) -> list[str]:
    """Split the attached article and ``عبد`` compounds: ``عبدالرحمن`` → ``عبد ال رحمن``; and
    a name ending in ``الله`` written attached (``خيرالله``, ``نصرالله``, ``فیض‌الله``):
    ``خير الله``, as when written apart, which ``ictd.matching.name`` joins again as one part
    (Khairullah, Nasrullah, Faizullah)."""
    if _key(word) in _WORDS:
        return [word]
    if word.startswith("عبد") and len(word) > 4 and word[3:] not in ("ه", "ة"):
        return ["عبد", *split_arabic_word(word[3:])]
    if word.endswith("عبد") and len(word) > 4:  # محمدعبد البصير: the compound written attached
        return [*split_arabic_word(word[:-3]), "عبد"]
    stem = word[:-4].rstrip("\u200c")
    if _key(word[-4:]) == "الله" and len(stem) > 1:
        return [*split_arabic_word(stem), word[-4:]]
    if word.startswith("ال") and len(word) > 3:
        return ["ال", word[2:]]
    return [word]


def _waw(prev: str, nxt: str, persian: bool) -> str:
    if not prev or (nxt and nxt in _VOWEL_LETTERS) or prev in "اآ":
        return "v" if persian and prev else "w"
    return "u"


def _yeh(prev: str, nxt: str) -> str:
    if not prev or (nxt and nxt in "اآو") or (nxt and prev in "اآ"):
        return "y"
    return "i"


def _between_consonants(prev: str, nxt: str) -> bool:
    """An ``ع`` between these letters may go unwritten: ``nxt`` is a consonant that neither
    repeats ``prev`` (``معمر`` Muammar: two m, not one) nor reads with it as one sound (``h``)."""
    return nxt not in _VOWEL_LETTERS and nxt != prev and nxt not in _H_LETTERS | {"ہ"}


def _letter(word: str, i: int, persian: bool) -> str:
    ch = word[i]
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if ch == _WAW:
        return _waw(prev, nxt, persian)
    if ch in _YEH or (ch == _DOTLESS_YEH and persian):
        return _yeh(prev, nxt)
    if ch in "هہ" and persian and not nxt and prev:
        return "e"  # Persian and Urdu final heh is a vowel: زاده → zade, حمزہ → hmze
    if ch in _SILENT:
        return ""
    if ch == _AYN and prev and (_between_consonants(prev, nxt) if nxt else prev in _LONG_VOWELS):
        return ""  # الزعبي Zoubi, سعد Saad, ربيع Rabi: Latin writes any vowel there, or none
    return _LETTERS.get(ch, "" if "\u0600" <= ch <= "\u06ff" else ch)


def _romanise_word(word: str, persian: bool, separate: bool = False) -> str:
    """One rendering; ``separate`` puts a vowel between s, k, t … and a following ح or ه
    (صحراوي → sahrawi), which would otherwise read as one sound (``sh``), and before a last
    ``ح`` of the pattern CāCiC (صالح → saleh: ``_after_long_a``)."""
    if "\u200c" in word:  # ZWNJ: romanise each piece with its own final forms, then join
        return "".join(_romanise_word(p, persian, separate) for p in word.split("\u200c"))
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch == _SHADDA and out:
            out.append(out[-1][-1:])
            continue
        letter = _letter(word, i, persian)
        if separate and ch in _H_LETTERS and out and out[-1][-1:] in _CLASH:
            letter = "a" + letter
        elif separate and ch == "ح" and _after_long_a(word, i):
            letter = "e" + letter
        out.append(letter)
    return "".join(out)


def _after_long_a(word: str, i: int) -> bool:
    """``ح`` at ``i`` ends ``word`` after one consonant after an alif, the pattern CāCiC
    (صالح Saleh, سامح Sameh, فالح Falih): Latin writes the unwritten vowel before it."""
    last = i == len(word) - 1 and i >= 2
    return last and word[i - 2] in "اآ" and word[i - 1] not in _VOWEL_LETTERS


STYLES = 7
"""Renderings of every Arabic-script word, in this order (``romanise_arabic``)."""
_IRAQI = str.maketrans({"ظ": "ث"})
"""``ظ`` as ``th``, as Iraqi and Gulf names are often written in English: كاظم → Kathim beside
Kadhim, ناظم → Nathim (``ث`` is romanised ``th``); in the style that separates ``h``."""
_FRENCH = str.maketrans({"ش": "چ"})
"""``ش`` as French spellings of Maghreb names write it, ``ch``: رشيد → Rachid, عكاشة → Akkacha,
عاشور → Achour (``چ`` is romanised ``ch``)."""
_EGYPTIAN = str.maketrans({"ج": "گ", "ث": "س", "ذ": "ز", "ظ": "ز", "ى": "ي"})
"""Egyptian names as they are written in Latin: ``ج`` ``g`` (جمال Gamal, نجيب Naguib, رجب Ragab,
حجازي Hegazy; ``گ`` is romanised ``g``), ``ظ`` and ``ذ`` ``z`` (محفوظ Mahfouz, زكي), ``ث`` ``s``;
the final yeh written ``ى`` (حجازى Hegazy, مرسى Morsi)."""


def romanise_arabic(word: str) -> tuple[str, ...]:
    """The ``STYLES`` Latin renderings of one Arabic-script word, always in the same order:
    plain; ``و`` as ``v`` for Persian and Urdu words (Parviz); a vowel between s, k, t … and
    ``ح``/``ه``, with ``ظ`` as ``th``; the soft letters (``ث`` s, ``ذ`` z, ``ض`` z); both of
    the last two; ``ش`` as ``ch`` (Maghreb names in French); ``ج`` as ``g`` (Egyptian names). The
    renderings of a name's words are combined style by style, so a word keeps its place even
    where two styles give the same text (the caller drops repeated variants).

    >>> romanise_arabic("محمود")
    ('mhmud', 'mhmud', 'mhmud', 'mhmud', 'mhmud', 'mhmud', 'mhmud')
    """
    fixed = _WORDS.get(_key(word))
    if fixed is not None:
        return (fixed,) * STYLES
    persian = is_persian_urdu(word)
    soft = word.translate(_SOFT)
    return (
        _romanise_word(word, persian=False),
        _romanise_word(word, persian=True),
        _romanise_word(word.translate(_IRAQI), persian=False, separate=True),
        _romanise_word(soft, persian=True),
        _romanise_word(soft, persian=persian, separate=True),
        _romanise_word(word.translate(_FRENCH), persian=False),
        _romanise_word(word.translate(_EGYPTIAN), persian=False),
    )


def is_fixed_word(word: str) -> bool:
    """True for Arabic words with a fixed Latin form (particles, honorifics, legal forms)."""
    return _key(word) in _WORDS


_TA_MARBUTA = "ة"
_AGREEING = frozenset(["العامة", "المحدودة", "المتحدة", "الكبرى", "الحرة", "الجديدة", "الأولى"])
"""Adjectives with the article that follow a noun ending in ``ة`` in names and agree with it
(شركة ... للتجارة العامة, general trading): no construct state before them. Nisba adjectives
(ending ``ي`` or ``ية``) are told by their ending (``_agrees``)."""


def construct_state(text: str, person: bool = False) -> str:
    """``text`` with ``ة`` read ``t`` where a word ending in it stands before a word with the
    article: the construct state (iḍāfa), which Latin spellings write with ``t`` (عصبة الأنصار
    Asbat al-Ansar, جبهة النصرة Jabhat al-Nusra, هبة الله Hibatullah, رحمة الله Rahmatullah,
    عزة الدين Izzat al-Din), as Persian and Pashto write ``ت`` (هبت الله). Words with a fixed
    Latin form (شركة) keep theirs; before an adjective that agrees with the word (``_agrees``:
    جمعية ... الخيرية; in a ``person``'s name also حمزة الليبي Hamza al-Libi) the ``ة`` stays
    an ``a``. ``text`` comes back unchanged when it has no such word.

    >>> construct_state("جبهة النصرة") == "جبهت النصرة"
    True
    """
    if _TA_MARBUTA not in text:
        return text
    words = text.split(" ")
    for i, word in enumerate(words[:-1]):
        ends = word.endswith(_TA_MARBUTA) and len(word) > 2 and _key(word) not in _WORDS
        if ends and words[i + 1].startswith("ال") and not _agrees(words[i + 1], person):
            words[i] = word[:-1] + "ت"
    attached = [w.replace(_TA_MARBUTA + "الله", "تالله") for w in words]
    return " ".join(attached)


def _agrees(word: str, person: bool) -> bool:
    """``word`` (with the article) is an adjective agreeing with the noun before it rather than
    a noun in the genitive: a feminine nisba (``الإسلامية``), a common adjective of names
    (``_AGREEING``), or in a person's name a masculine nisba too (حمزة الليبي: a man's name
    that ends in ``ة``). After an organisation's noun a masculine nisba is a family's name in
    the genitive (جبهة الزبيدي Jabhat al-Zubaidi)."""
    return word.endswith("ية") or word in _AGREEING or (person and word.endswith("ي"))
