"""Naming cultures for synthetic subjects: name tables in native script with Latin spellings.

One module per culture family; each builds ``Culture`` values from compact text tables.
``CULTURES`` maps each culture's code to it; ``PERSON_WEIGHTS`` says how often each one
appears among synthetic persons; ``DIASPORA`` lists the countries where a culture's
diaspora may hold a second nationality.
"""

from __future__ import annotations

from dataclasses import replace

from ictd.demo.culture import Culture
from ictd.demo.cultures.african import HAUSA, SOMALI
from ictd.demo.cultures.arabic import ARABIC_CULTURES
from ictd.demo.cultures.chinese import CHINESE
from ictd.demo.cultures.cyrillic import CYRILLIC_CULTURES
from ictd.demo.cultures.east_asian import JAPANESE, KOREAN
from ictd.demo.cultures.mediterranean import GREEK, HEBREW, TURKISH
from ictd.demo.cultures.persian import PERSIAN
from ictd.demo.cultures.south_asian import AFGHAN, PAKISTANI
from ictd.demo.cultures.southeast_asian import INDONESIAN, THAI
from ictd.demo.cultures.western import WESTERN_CULTURES

__all__ = ["CORPUS_WEIGHTS", "CULTURES", "DIASPORA", "PERSON_WEIGHTS"]

CULTURES: dict[str, Culture] = {
    c.code: c
    for c in (
        *ARABIC_CULTURES,
        PERSIAN,
        AFGHAN,
        PAKISTANI,
        *CYRILLIC_CULTURES,
        CHINESE,
        SOMALI,
        HAUSA,
        *WESTERN_CULTURES,
        KOREAN,
        JAPANESE,
        GREEK,
        HEBREW,
        TURKISH,
        THAI,
        INDONESIAN,
    )
}
CULTURES["arabic-kunya"] = replace(CULTURES["arabic-levant"], code="arabic-kunya",
                                   structure="arabic_kunya")  # fmt: skip

PERSON_WEIGHTS: dict[str, int] = {
    "arabic-gulf": 10,
    "arabic-iraq": 10,
    "arabic-levant": 11,
    "arabic-maghreb": 9,
    "persian": 7,
    "afghan": 8,
    "pakistani": 7,
    "russian": 3,
    "chechen": 5,
    "central-asian": 5,
    "chinese": 5,
    "somali": 6,
    "hausa": 5,
    "western-fr": 2,
    "western-de": 2,
    "western-es": 1,
    "western-it": 1,
    "western-nl": 1,
    "western-en": 2,
    "western-sv": 1,
}

CORPUS_WEIGHTS: dict[str, int] = {
    **{code: 3 for code in PERSON_WEIGHTS},
    "arabic-kunya": 4,
    "korean": 4,
    "japanese": 4,
    "greek": 4,
    "hebrew": 4,
    "turkish": 4,
    "thai": 4,
    "indonesian": 4,
}
"""The cultures of the evaluation corpus (``ictd.demo.corpus``): every culture, evenly; the
demo's own mix (``PERSON_WEIGHTS``) is left as it is, so ``ictd demo`` output is stable."""

DIASPORA: dict[str, tuple[str, ...]] = {
    "arabic-gulf": ("GB",),
    "arabic-iraq": ("GB", "SE", "DE"),
    "arabic-levant": ("DE", "SE", "GB", "FR"),
    "arabic-maghreb": ("FR", "BE", "NL", "ES"),
    "persian": ("GB", "DE", "CA"),
    "afghan": ("DE", "GB"),
    "pakistani": ("GB",),
    "chechen": ("AT", "DE", "FR", "BE"),
    "central-asian": ("TR", "RU"),
    "somali": ("GB", "SE", "NO", "US"),
    "hausa": ("GB",),
}
