"""Naming cultures for synthetic subjects: name tables in native script with Latin spellings.

One module per culture family; each builds ``Culture`` values from compact text tables.
``CULTURES`` maps each culture's code to it; ``PERSON_WEIGHTS`` says how often each one
appears among synthetic persons; ``DIASPORA`` lists the countries where a culture's
diaspora may hold a second nationality.
"""

from __future__ import annotations

from ictd.demo.culture import Culture
from ictd.demo.cultures.african import HAUSA, SOMALI
from ictd.demo.cultures.arabic import ARABIC_CULTURES
from ictd.demo.cultures.chinese import CHINESE
from ictd.demo.cultures.cyrillic import CYRILLIC_CULTURES
from ictd.demo.cultures.persian import PERSIAN
from ictd.demo.cultures.south_asian import AFGHAN, PAKISTANI
from ictd.demo.cultures.western import WESTERN_CULTURES

__all__ = ["CULTURES", "DIASPORA", "PERSON_WEIGHTS"]

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
    )
}

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
