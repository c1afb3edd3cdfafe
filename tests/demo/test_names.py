"""Name tables and name structures: native spellings, transliterations, order."""

from __future__ import annotations

import random

import pytest

from ictd.demo.culture import NamePart
from ictd.demo.cultures import CULTURES
from ictd.demo.cultures.arabic import ARABIC_CULTURES
from ictd.demo.cultures.cyrillic import FEMININE, PATRONYMICS
from ictd.demo.cultures.western import plain_spellings
from ictd.demo.naming import COMMA, PersonName, compose_name


def _part(code: str, native: str, table: str = "male") -> NamePart:
    culture = CULTURES[code]
    parts = {"male": culture.male, "female": culture.female, "family": culture.family}[table]
    return next(p for p in parts if p.native == native)


@pytest.mark.parametrize(
    ("native", "spellings"),
    [
        ("محمد", {"Muhammad", "Mohammed", "Mohamed", "Mohamad", "Mohammad"}),
        ("يوسف", {"Yusuf", "Yousef", "Youssef", "Yusef"}),
        ("حسين", {"Husayn", "Hussein", "Hussain", "Hosein"}),
        ("عبد الرحمن", {"Abd al-Rahman", "Abdul Rahman", "Abdelrahman"}),
    ],
)
def test_arabic_given_names(native: str, spellings: set[str]) -> None:
    assert spellings <= set(_part("arabic-levant", native).latin)


def test_arabic_article_spellings_include_sun_letter_assimilation() -> None:
    halabi = _part("arabic-levant", "الحلبي", "family")
    assert {"al-Halabi", "Al Halabi", "El-Halabi", "Alhalabi", "Halabi"} <= set(halabi.latin)
    shami = _part("arabic-levant", "الشامي", "family")
    assert "ash-Shami" in shami.latin
    assert not any(s.startswith("ah-") for s in halabi.latin)


def test_cyrillic_spellings_follow_the_romanisation_systems() -> None:
    assert {"Aleksandr", "Alexander", "Aleksander"} <= set(_part("russian", "Александр").latin)
    assert {"Yusupov", "Iusupov", "Jusupov"} <= set(_part("chechen", "Юсупов", "family").latin)


def test_patronymics_and_feminine_surnames() -> None:
    assert PATRONYMICS[("Александр", "male")].native == "Александрович"
    assert PATRONYMICS[("Сергей", "female")].native == "Сергеевна"
    assert PATRONYMICS[("Юрий", "male")].native == "Юрьевич"
    assert PATRONYMICS[("Михаил", "male")].native == "Михайлович"
    assert PATRONYMICS[("Дмитрий", "male")].native == "Дмитриевич"
    assert FEMININE["Юсупов"].native == "Юсупова"
    assert FEMININE["Покровский"].native == "Покровская"


def test_chinese_name_is_surname_first_without_space() -> None:
    culture = CULTURES["chinese"]
    wang, wei = _part("chinese", "王", "family"), _part("chinese", "伟")
    name = PersonName((wang, wei), ((0, 1), (1, 0), (0, COMMA, 1)), culture)
    assert name.native == "王伟"
    assert name.spell((0, 1), (0, 0)) == "Wang Wei"
    assert name.spell((1, 0), (4, 4)) == "Wei Wong"
    assert name.spell((0, COMMA, 1), (0, 0)) == "Wang, Wei"
    assert "Hsiao-ming" in _part("chinese", "小明").latin


def test_western_plain_spellings() -> None:
    assert plain_spellings("Müller") == ("Müller", "Muller", "Mueller")
    assert plain_spellings("Søren") == ("Søren", "Soren", "Soeren")
    assert plain_spellings("Smith") == ("Smith",)


def test_persian_compound_surnames_join_with_zwnj() -> None:
    part = _part("persian", "حسین\u200cزاده", "family")
    assert "Hosseinzadeh" in part.latin


def test_table_sizes() -> None:
    arabic = ARABIC_CULTURES[0]
    assert len(arabic.male) + len(arabic.female) >= 60
    assert sum(len(c.family) for c in ARABIC_CULTURES) >= 60
    for code in ("persian", "chinese", "somali", "hausa"):
        culture = CULTURES[code]
        assert len(culture.male) + len(culture.female) >= 25, code
        assert len(culture.family) >= 25, code
    russian_like = [CULTURES[c] for c in ("russian", "chechen", "central-asian")]
    assert sum(len(c.family) for c in russian_like) >= 25


def test_tables_have_no_duplicate_native_names() -> None:
    for culture in CULTURES.values():
        for table in (culture.male, culture.female, culture.family):
            natives = [p.native for p in table]
            assert len(natives) == len(set(natives)), culture.code


def test_every_part_has_a_latin_spelling() -> None:
    for culture in CULTURES.values():
        for part in (*culture.male, *culture.female, *culture.family):
            assert part.latin and all(s.strip() == s and s for s in part.latin)


@pytest.mark.parametrize("seed", range(20))
def test_structures(seed: int) -> None:
    rng = random.Random(seed)
    gulf = compose_name(rng, CULTURES["arabic-gulf"], "male")
    assert " بن " in gulf.native and " bin " in gulf.spell(gulf.forms[0], (0,) * len(gulf.parts))
    russian = compose_name(rng, CULTURES["russian"], "female")
    _, patronymic, surname = russian.native.split(" ")
    assert patronymic.endswith("вна") and surname.endswith(("а", "ая"))
    chinese = compose_name(rng, CULTURES["chinese"], "male")
    assert " " not in chinese.native and chinese.parts[0] in CULTURES["chinese"].family
