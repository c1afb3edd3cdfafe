"""Words of organisation names in Arabic script and how Latin lists translate them.

Lists write an organisation named in Arabic, Persian or Urdu under a translation of its name
as often as under a transliteration: ``شبکه حقانی`` is the Haqqani Network,
``الجماعة الإسلامية المقاتلة`` an Islamic Fighting Group, the French lists' ``Groupe
islamique combattant``. A transliteration (``shbkh hqani``) meets the first kind only.
``translate_org_words`` gives the name with the words of this table written as their
translations — English first, French second — for ``ictd.matching.name`` to parse as one
more variant beside the transliteration (``network hqani``), so either form of the Latin
name is met. Only a name that holds one of the organisation nouns (group, movement, front,
network …) is translated: an adjective alone (``المصري``, al-Masri) is a person's family
name far more often. Our own table, of words common in the names of armed groups, parties,
charities and institutions; the article (``ال``) and the hamza seats are read as written or
not (``الإسلامية`` / ``الاسلامية``).
"""

from __future__ import annotations

import re

__all__ = ["translate_org_words"]

_NOUNS = """
جماعة جماعت: group groupe
حركة حرکت: movement mouvement
جبهة جبهه: front front
شبكة شبکه شبكه: network reseau
تنظيم: organization organisation
منظمة سازمان: organization organisation
حزب: party parti
جيش: army armee
كتائب: brigades brigades
لواء: brigade brigade
مجلس: council conseil
لجنة: committee comite
اتحاد: union union
مركز: center centre
بنك بانک مصرف: bank banque
دولة: state etat
امارة: emirate emirat
سپاه: corps corps
نیروی: force force
"""
_OTHERS = """
اسلامية اسلامي اسلامی: islamic islamique
عربية عربي: arab arabe
مغربية: moroccan marocain
ليبية: libyan libyen
مصرية: egyptian egyptien
تونسية: tunisian tunisien
جزائرية: algerian algerien
سورية: syrian syrien
عراقية: iraqi irakien
يمنية: yemeni yemenite
صومالية: somali somalien
افغانية: afghan afghan
باكستانية: pakistani pakistanais
مقاتلة: fighting combattant
شعبية: popular populaire
وطنية: national national
ثورية: revolutionary revolutionnaire
متحدة: united unis
انقلاب: revolution revolution
پاسداران: guards gardiens
شام: levant levant
افريقيا: africa afrique
غرب: west ouest
شرق: east est
شمال: north nord
جنوب: south sud
اهل: people peuple
في: in en
"""


def _table(text: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        words, renderings = line.split(":")
        for word in words.split():
            out[word] = tuple(renderings.split())
    return out


_NOUN_WORDS = _table(_NOUNS)
_WORDS = {**_NOUN_WORDS, **_table(_OTHERS)}
_SEATS = str.maketrans("أإآ", "ااا")
_PREFIXES = ("ال", "لل", "وال", "ل", "و")
"""The article, and the prepositions and conjunction written onto a word."""
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


def _key(word: str) -> str:
    """A word without its hamza seats and its article or preposition (``الإسلامية`` →
    ``اسلامية``, ``لأهل`` → ``اهل``), when what is left is in the table."""
    plain = word.translate(_SEATS)
    if plain in _WORDS:
        return plain
    for prefix in _PREFIXES:
        if plain.startswith(prefix) and plain[len(prefix) :] in _WORDS:
            return plain[len(prefix) :]
    return plain


def translate_org_words(text: str) -> tuple[str, ...]:
    """``text`` with the table's words written as their translations, one text per
    rendering (English, then French), or ``()`` when it holds no organisation noun.

    >>> translate_org_words("شبکه حقانی")
    ('network حقانی', 'reseau حقانی')
    """
    words = _ARABIC_WORD.findall(text)
    if not any(_key(w) in _NOUN_WORDS for w in words):
        return ()
    out = []
    for n in range(2):

        def render(match: re.Match[str], n: int = n) -> str:
            found = _WORDS.get(_key(match.group(0)))
            return match.group(0) if found is None else found[min(n, len(found) - 1)]

        out.append(_ARABIC_WORD.sub(render, text))
    return tuple(dict.fromkeys(out))
