"""Word lists that steer name normalisation and the weight of each name part.

All entries are lower-case ASCII, as name parts are after romanisation. Common name parts are
matched by phonetic key (``ictd.matching.keys``), so ``Mohammed``, ``Muhammad`` and ``Mohamad`` are
all common; romanised abjad parts are matched by skeleton.
"""

from __future__ import annotations

import re

from ictd.matching.chinese import wade_giles
from ictd.matching.keys import phonetic, skeleton
from ictd.matching.orgwords import LATIN_GENERIC, LATIN_LEGAL_FORMS

__all__ = [
    "ABD_PREFIX",
    "AMBIGUOUS_LEGAL_FORMS",
    "ARTICLES",
    "ASSIMILATED_ARTICLES",
    "COMMON_PHONETIC",
    "COMMON_SKELETONS",
    "CONNECTORS",
    "GENERATIONS",
    "GENERIC_ORG_WORDS",
    "HONORIFICS",
    "KUNYA",
    "LEGAL_FORMS",
    "PINYIN_OF_WADE_GILES",
    "STOP_WORDS",
    "VERY_COMMON_PHONETIC",
    "VERY_COMMON_SKELETONS",
    "WORD_FOLDS",
]

HONORIFICS = frozenset(
    [
        "sheikh",
        "shaykh",
        "sheik",
        "shaikh",
        "sheykh",
        "cheikh",
        "shaykhu",
        "haji",
        "hajji",
        "hadji",
        "hajj",
        "alhaj",
        "alhaji",
        "alhajj",
        "mullah",
        "mulla",
        "molla",
        "mollah",
        "maulana",
        "mawlana",
        "moulana",
        "maulvi",
        "mawlawi",
        "moulvi",
        "maulawi",
        "mawlavi",
        "molvi",
        "moulavi",
        "molah",
        "qari",
        "sahib",
        "saheb",
        "sahab",
        "mufti",
        "ustadh",
        "ustad",
        "ustaz",
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mme",
        "mister",
        "prof",
        "professor",
        "sir",
        "hon",
        "rev",
    ]
)
ARTICLES = frozenset({"al", "el", "ul"})
"""The Arabic article, written apart: ``al-Rashid``. Not ``il``: in lists it is the Korean
given-name syllable (``Kim Il Sung``, ``Pak Il-Gyu``, ``Cho Il Woo``) far more often."""
ASSIMILATED_ARTICLES = frozenset(
    [
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ath",
        "adh",
        "ed",
        "er",
        "es",
        "esh",
        "et",
        "ez",
        "en",
        "ud",
        "ur",
        "us",
        "ush",
        "ut",
        "uz",
        "un",
    ]
)
"""The article assimilated to a sun letter (``ar-Rahman``); an article only before that letter."""
CONNECTORS = frozenset({"bin", "ibn", "ben", "bint", "binti", "bte", "bn", "ould", "walad"})
"""Patronymic connectors ("son of"), dropped from the parts."""
KUNYA = frozenset({"abu", "abou", "abo", "abi", "umm", "um", "oum", "omm"})
"""``Abu``/``Umm`` join the next part into one: ``Abu Bakr`` → ``abubakr``."""
ABD_PREFIX = re.compile(r"^abd(?:[aeiou]{1,2}l|[aeiou]{1,2}(?=([rstdnz])\1)|[aeiou])?(?=[a-z]{3})")
"""``Abdul``/``Abdel``/``Abdur`` written attached: ``Abdelrahman`` → ``abd`` + ``rahman``."""
GENERATIONS = frozenset({"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "third"})
"""Generational suffixes of a person's name (``Santos III``, ``Jr.``): not a name part; dropped
after the first word of a person's name."""
STOP_WORDS = frozenset({"the", "of", "and", "for", "und", "et", "y", "i"})

LEGAL_FORMS = frozenset(
    [
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "plc",
        "llp",
        "lp",
        "pjsc",
        "ojsc",
        "cjsc",
        "jsc",
        "ooo",
        "oao",
        "zao",
        "pao",
        "tov",
        "fze",
        "fzco",
        "fzc",
        "fzllc",
        "sarl",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "pte",
        "pty",
        "bhd",
        "sdn",
        "kg",
        "ohg",
        "mbh",
        "company",
        "compagnie",
        "kompaniya",
        "sharikat",
        "sharika",
        "sherkat",
        "establishment",
        "est",
    ]
)
"""Legal forms, folded away from organisation names (``ООО`` → ``ooo`` → dropped)."""
LEGAL_FORMS = LEGAL_FORMS | LATIN_LEGAL_FORMS
AMBIGUOUS_LEGAL_FORMS = frozenset(
    ["co", "ag", "sa", "ao", "as", "oy", "ab", "kk", "pt", "cv", "se", "de", "sl", "lda"]
)
"""Legal forms that may also be name parts: dropped only from organisation names."""
WORD_FOLDS = {
    "international": "intl",
    "internacional": "intl",
    "international'": "intl",
    "int": "intl",
    "intern": "intl",
    "organisation": "organization",
    "org": "organization",
    "centre": "center",
    "brigades": "brigade",
    "holdings": "holding",
}
GENERIC_ORG_WORDS = frozenset(
    [
        "trading",
        "trade",
        "traders",
        "group",
        "holding",
        "intl",
        "general",
        "enterprise",
        "enterprises",
        "services",
        "service",
        "industries",
        "industrial",
        "industry",
        "import",
        "export",
        "commercial",
        "commerce",
        "foundation",
        "fund",
        "association",
        "organization",
        "org",
        "charity",
        "charitable",
        "relief",
        "welfare",
        "society",
        "committee",
        "council",
        "center",
        "institute",
        "trust",
        "agency",
        "brigade",
        "battalion",
        "front",
        "movement",
        "army",
        "party",
        "network",
        "jamaat",
        "jamaa",
        "jamaah",
        "jamiat",
        "islamic",
        "islami",
        "muslim",
        "union",
        "global",
        "world",
        "human",
        "humanitarian",
        "development",
        "investment",
        "investments",
        "logistics",
        "shipping",
        "transport",
        "construction",
        "exchange",
        "money",
        "partners",
        "brothers",
        "sons",
        "national",
        "united",
        "new",
        "co",
        "chemical",
        "chemicals",
        "engineering",
        "electronics",
    ]
)
"""Words that say little about which organisation is meant; they weigh little."""
GENERIC_ORG_WORDS = GENERIC_ORG_WORDS | LATIN_GENERIC

_VERY_COMMON_NAMES = """
muhammad mohammed mohamed mohammad ali ahmad ahmed hassan hussein husain hasan abdullah abdallah
abdul abdel abd allah khan rahman wang li zhang liu chen kim lee park singh kumar nguyen
"""
_COMMON_NAMES = """
omar umar ibrahim ismail yusuf mustafa mahmoud khalid hamid said saeed salim aziz karim
rashid mansour nasser jamal amir malik shah hamza bilal tariq zaid usman osman uthman yasin
fatima aisha maryam nur din islam rahman saleh sultan jafar mahdi musa isa yahya sulaiman idris
ilyas younis khalil abubakar gul jan shir mir
aleksandr alexander sergei sergey vladimir andrei dmitri ivan ivanov smirnov petrov popov
kuznetsov nikolai mikhail alexei olga elena natalia
yang huang zhao wu zhou xu sun ma zhu hu guo he lin wei min jun ming hua
ying hong yi choi jung jeong kang cho yoon jang lim
john james david michael robert william maria jose juan smith johnson jones brown garcia
martinez rodriguez lopez gonzalez singh kumar
"""
_CHINESE_NAMES = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin wei min jun ming "
    "hua ying hong yi"
)
PINYIN_OF_WADE_GILES = {
    wade_giles(word): word for word in _CHINESE_NAMES.split() if wade_giles(word) != word
}
"""The Wade–Giles spellings of the common Chinese names above and their pinyin (``chang``:
``zhang``): a part read from Han characters in Wade–Giles weighs as its pinyin reading does
(``name.make_part``), so that the second reading is not taken for rarer evidence. Latin
names keep their own weight (``Chang`` is also a Korean name, and a Latin ``Chu``, ``Ho`` or
``Hung`` need not be Chinese)."""
VERY_COMMON_PHONETIC = frozenset(phonetic(word) for word in _VERY_COMMON_NAMES.split())
VERY_COMMON_SKELETONS = frozenset(skeleton(word) for word in _VERY_COMMON_NAMES.split())
COMMON_PHONETIC = frozenset(phonetic(word) for word in _COMMON_NAMES.split()) - VERY_COMMON_PHONETIC
COMMON_SKELETONS = (
    frozenset(skeleton(word) for word in _COMMON_NAMES.split()) - VERY_COMMON_SKELETONS
)
