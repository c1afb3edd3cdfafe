"""Chinese names written in Wade–Giles are found from their characters, and back."""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, MatchIndex, Query
from ictd.matching.chinese import wade_giles
from ictd.matching.name import make_part
from ictd.matching.transliterate import romanise_word


@pytest.mark.parametrize(
    ("pinyin", "spelt"),
    [
        ("zhou", "chou"), ("xiao", "hsiao"), ("dong", "tung"), ("ze", "tse"), ("zi", "tzu"),
        ("si", "ssu"), ("shi", "shih"), ("ri", "jih"), ("guo", "kuo"), ("duo", "to"),
        ("shuo", "shuo"), ("gui", "kuei"), ("jian", "chien"), ("xie", "hsieh"),
        ("xue", "hsueh"), ("qiong", "chiung"), ("ge", "ko"), ("de", "te"), ("yi", "i"),
        ("you", "yu"), ("yan", "yen"), ("ye", "yeh"), ("er", "erh"), ("bo", "po"),
        ("ren", "jen"), ("cai", "tsai"), ("ying", "ying"), ("wang", "wang"), ("e", "o"),
    ],
)  # fmt: skip
def test_pinyin_syllables_are_spelt_as_wade_giles_writes_names(pinyin: str, spelt: str) -> None:
    assert wade_giles(pinyin) == spelt


def test_text_that_is_no_pinyin_syllable_is_left_as_it_is() -> None:
    assert wade_giles("") == ""
    assert wade_giles("ng") == "ng"


def test_a_han_name_of_up_to_three_characters_has_a_wade_giles_reading_after_pinyin() -> None:
    forms, _ = romanise_word("毛泽东")
    assert forms[:2] == ("mao zedong", "mao tsetung")
    assert romanise_word("张伟")[0][:2] == ("zhang wei", "chang wei")
    # a single character is not split into a surname and a given name
    assert all(" " not in form for form in romanise_word("李")[0])
    # four characters or more (a company, a place) are not read in Wade–Giles
    assert not any("hs" in form for form in romanise_word("上海恒信有限公司")[0])


@pytest.mark.parametrize(
    ("written", "latin"),
    [("毛泽东", "Mao Tse-tung"), ("邓小平", "Teng Hsiao-ping"), ("周恩来", "Chou En-lai")],
)
def test_a_wade_giles_record_is_found_from_the_characters_and_back(
    written: str, latin: str
) -> None:
    others = [
        IndexRecord(2, "Person", ("Wang Jianguo",)),
        IndexRecord(3, "Person", ("Zhang Wei",)),
        IndexRecord(4, "Person", ("Li Ming",)),
    ]
    index = MatchIndex.build([IndexRecord(1, "Person", (latin,)), *others])
    found = index.search(Query("q", names=(written,), schema="Person"), limit=3)
    assert found[0].subject_id == 1
    assert found[0].score >= DEFAULT_THRESHOLD
    back = MatchIndex.build([IndexRecord(1, "Person", (written,)), *others])
    found = back.search(Query("q", names=(latin,), schema="Person"), limit=3)
    assert found[0].subject_id == 1
    assert found[0].score >= DEFAULT_THRESHOLD


def test_another_given_name_in_wade_giles_stays_under_the_threshold() -> None:
    index = MatchIndex.build([IndexRecord(1, "Person", ("Mao Tse-min",))])
    found = index.search(Query("q", names=("毛泽东",), schema="Person"), limit=1)
    assert not found or found[0].score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("pinyin", "older"), [("zhang", "chang"), ("jun", "chun"), ("xu", "hsu")])
def test_a_common_chinese_name_weighs_as_little_in_wade_giles(pinyin: str, older: str) -> None:
    # the second reading of a Han name must not count as rarer evidence than the first
    weight = make_part(pinyin, syllabic=True).weight
    assert make_part(older, syllabic=True).weight == weight < 1.0
    # a name written in Latin keeps its own weight (Chang is also a Korean name)
    assert make_part(older).weight > weight


def test_a_han_name_ranks_its_pinyin_record_level_with_one_that_also_holds_wade_giles() -> None:
    index = MatchIndex.build(
        [
            IndexRecord(1, "Person", ("Zhang Wei",)),
            IndexRecord(2, "Person", ("Zhang Wei", "Chang Wei", "张伟")),
        ]
    )
    found = index.search(Query("q", names=("张伟",), schema="Person"), limit=2)
    assert [round(m.score, 6) for m in found] == [round(found[0].score, 6)] * 2
