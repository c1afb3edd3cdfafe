"""Readings of Hebrew, Thai and Arabic-script names that kept a right answer under the
threshold or out of first place (issue #18, round 13). The pairs here are not the ones the
rules were found on."""

from __future__ import annotations

import pytest

from ictd.matching import IndexRecord, Query
from ictd.matching.name import parse_name
from ictd.matching.scorer import score_pair
from ictd.matching.thai import romanise_thai


def _score(query: str, *names: str) -> float:
    record = IndexRecord(1, "Person", names)
    return score_pair(Query("q", names=(query,), schema="Person"), record).score


def _parts(raw: str) -> set[str]:
    return {p.text for reading in parse_name(raw) for p in reading.parts}


def test_hebrew_first_ayin_is_a_vowel_not_a_title() -> None:
    # עמר (Amar, Omer) was read "mr", its ayin unwritten, and dropped as the title "Mr".
    assert "amr" in _parts("שרה עמר")
    assert _score("שרה עמר", "Sarah Amar") >= 0.5
    assert _score("Sarah Amar", "שרה עמר") >= 0.5
    assert _score("עזרא כהן", "Ezra Cohen") >= 0.5
    # Latin titles and suffixes are still dropped.
    assert _parts("Mr David Levi") == {"david", "levi"}
    assert "jr" not in _parts("John Smith Jr")


@pytest.mark.parametrize(
    ("thai", "latin"),
    [
        ("ประภากร", "praphakon"),  # -ākara: a syllable of its own, not a silent r
        ("ทิวากร", "thiwakon"),
        ("สุรพล", "suraphon"),  # a linking a after a written vowel
        ("จิรพงษ์", "chiraphong"),
        ("สุรเชษฐ์", "surachet"),  # also before a vowel written first
        ("ศรีพงษ์", "siphong"),  # RTGS: the r of ศร is silent
    ],
)
def test_thai_readings(thai: str, latin: str) -> None:
    assert latin in romanise_thai(thai)


def test_thai_readings_keep_silent_r_after_short_vowel() -> None:
    assert romanise_thai("จักร")[0] == "chak"
    assert romanise_thai("มิตร")[0] == "mit"
    assert "sriphong" in romanise_thai("ศรีพงษ์")  # the everyday style writes it


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ประภากร ศรีพงษ์", "Prapakorn Sriphong"),
        ("สุรพล ทองดี", "Suraphon Thongdee"),
        ("Wirawat Siphong", "วีรวัฒน์ ศรีพงษ์"),
    ],
)
def test_thai_names_across_scripts(query: str, name: str) -> None:
    assert _score(query, name) >= 0.5


def test_arabic_ayn_before_a_consonant_or_last_after_a_long_vowel() -> None:
    from ictd.matching.arabic import romanise_arabic

    assert romanise_arabic("شفيع")[0] == "shfi"  # Shafi: the last ayn is not written
    assert romanise_arabic("سعد")[0] == "sd"  # Saad, Sa'd, Sad: any vowel around it
    assert romanise_arabic("عمر")[0] == "amr"  # first: Arabic script writes a vowel there
    assert romanise_arabic("سعيد")[0] == "said"  # before a vowel letter: kept


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("محمد شفيع", "Mohammad Shafi"),
        ("Rafi Haidari", "رفيع حيدري"),
        ("وليد المعلم", "Walid Mouallem"),
    ],
)
def test_arabic_ayn_across_scripts(query: str, name: str) -> None:
    assert _score(query, name) >= 0.5


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("דוד בוזגלו", "David Buzaglo"),  # דוד is David in every reading of the name
        ("David Shmueli", "דוד שמואלי"),
        ("Nathim Jabbar", "ناظم جبار"),  # ظ written th, as Iraqi names often are
        ("حافظ سالم", "Hafith Salem"),
    ],
)
def test_hebrew_david_and_arabic_zah_as_th(query: str, name: str) -> None:
    assert _score(query, name) >= 0.5
