"""A curated table of real multilingual pairs: true matches above the default threshold, true
non-matches below it. Scripts, transliterations, name order, particles, organisations, facts."""

from __future__ import annotations

from typing import Any

import pytest

from ictd.matching import DEFAULT_THRESHOLD, Identifier, IndexRecord, Query, score_pair

# (query name, subject name, schema, extra query fields, extra record fields)
Pair = tuple[str, str, str, dict[str, Any], dict[str, Any]]

_NONE: dict[str, Any] = {}

MATCHES: list[Pair] = [
    # Arabic script ↔ Latin, both directions
    ("محمد عبد الرحمن", "Mohammed Abdul Rahman", "Person", _NONE, _NONE),
    ("Mohammed Abdul Rahman", "محمد عبد الرحمن", "Person", _NONE, _NONE),
    ("أسامة بن لادن", "Osama bin Laden", "Person", _NONE, _NONE),
    ("Usama bin Ladin", "أسامة بن لادن", "Person", _NONE, _NONE),
    ("معمر القذافي", "Muammar Gaddafi", "Person", _NONE, _NONE),
    ("أيمن الظواهري", "Ayman al-Zawahiri", "Person", _NONE, _NONE),
    ("أبو بكر البغدادي", "Abu Bakr al-Baghdadi", "Person", _NONE, _NONE),
    ("نسيم بن رمضان الصحراوي", "Nessim Ben Romdhane Sahraoui", "Person", _NONE, _NONE),
    ("Salah Eddine Gasmi", "صلاح الدين قاسمي", "Person", _NONE, _NONE),
    ("انصار الدين", "Ansar Eddine", "Organization", _NONE, _NONE),
    # Persian and Urdu
    ("ثناء اللہ غفاری", "Sanaullah Ghafari", "Person", _NONE, _NONE),
    ("نجيب الله", "Najibullah", "Person", _NONE, _NONE),
    ("محمود احمدی‌نژاد", "Mahmoud Ahmadinejad", "Person", _NONE, _NONE),
    ("Mahmoud Ahmadinejad", "محمود احمدی‌نژاد", "Person", _NONE, _NONE),
    ("پرویز مشرف", "Pervez Musharraf", "Person", _NONE, _NONE),
    ("حافظ سعید", "Hafiz Saeed", "Person", _NONE, _NONE),
    # transliteration variants in Latin
    ("Muhammad Yusuf Husayn", "Mohammed Yousef Hussein", "Person", _NONE, _NONE),
    ("Mohamad Yousef", "Muhammad Yusuf", "Person", _NONE, _NONE),
    ("Muammar Qadhafi", "Moammar Gaddafi", "Person", _NONE, _NONE),
    ("Abdelrahman Hassan", "Abd al-Rahman Hasan", "Person", _NONE, _NONE),
    ("Abdurrahman Hassan", "Abdul Rahman Hassan", "Person", _NONE, _NONE),
    ("Sheikh Omar Abdel Rahman", "Omar Abdul-Rahman", "Person", _NONE, _NONE),
    # Cyrillic ↔ Latin under several romanisations
    ("Александр Петров", "Aleksandr Petrov", "Person", _NONE, _NONE),
    ("Александр Петров", "Alexander Petrov", "Person", _NONE, _NONE),
    ("Усама бен Ладен", "Usama bin Laden", "Person", _NONE, _NONE),
    ("Муаммар Каддафи", "Muammar Gaddafi", "Person", _NONE, _NONE),
    ("Юрий Хрущёв", "Yuri Khrushchev", "Person", _NONE, _NONE),
    ("Евгений Жуков", "Evgeny Zhukov", "Person", _NONE, _NONE),
    ("Евгений Жуков", "Yevgeniy Joukov", "Person", _NONE, _NONE),
    # Chinese and Korean
    ("王伟", "Wang Wei", "Person", _NONE, _NONE),
    ("毛泽东", "Mao Zedong", "Person", _NONE, _NONE),
    ("김정은", "Kim Jong Un", "Person", _NONE, _NONE),
    ("김정은", "Kim Jong-un", "Person", _NONE, _NONE),
    ("박정희", "Park Chung-hee", "Person", _NONE, _NONE),
    # order, missing middle names, initials, typos
    ("ZAWAHIRI, Ayman", "Ayman al-Zawahiri", "Person", _NONE, _NONE),
    ("Ayman Muhammad Rabi al-Zawahiri", "Ayman al-Zawahiri", "Person", _NONE, _NONE),
    (
        "A. Zawahiri",
        "Ayman al-Zawahiri",
        "Person",
        {"birth_date": "1951"},
        {"birth_dates": ("1951-06-19",)},
    ),
    ("Aiman al-Zawahry", "Ayman al-Zawahiri", "Person", _NONE, _NONE),
    ("Abu Bakr al-Bagdadi", "Abu Bakr al-Baghdadi", "Person", _NONE, _NONE),
    ("Khalid Sheikh Mohammed", "Khalid Shaikh Mohammad", "Person", _NONE, _NONE),
    # organisations and legal forms
    ("Al Rashid Trust", "Al-Rashid Trust LLC", "Organization", _NONE, _NONE),
    ("ООО Ромашка", "Romashka LLC", "Company", _NONE, _NONE),
    ("Al Akhtar Trust International", "Al-Akhtar Trust Intl", "Organization", _NONE, _NONE),
    (
        "Wafa Humanitarian Organization",
        "Al-Wafa Humanitarian Organisation",
        "Organization",
        _NONE,
        _NONE,
    ),
    ("Barakaat International Foundation", "Barakat Intl Foundation", "Organization", _NONE, _NONE),
    # agreeing facts
    (
        "Mohammed Ali",
        "Mohammed Ali",
        "Person",
        {"birth_date": "1975-03-12", "nationalities": ("SY",)},
        {"birth_dates": ("1975-03-12",), "nationalities": ("SY",)},
    ),
    (
        "Ivan Petrov",
        "Иван Петров",
        "Person",
        {"birth_date": "1970/1975", "gender": "male"},
        {"birth_dates": ("1972",), "gender": "male"},
    ),
    (
        "M. Ali",
        "Mohammed Ali Hassan",
        "Person",
        {"identifiers": (Identifier("n 0123-456", "SY"),)},
        {"identifiers": (Identifier("N0123456", "SY", "passportNumber"),)},
    ),
]

NON_MATCHES: list[Pair] = [
    # a common name alone must not hit every bearer of it
    (
        "Mohammed Ali",
        "Mohammed Ali Hassan Al-Khatib",
        "Person",
        {"birth_date": "1975"},
        {"birth_dates": ("1981",)},
    ),
    ("Mohammed Ali", "Mohammed Ali Hassan Al-Khatib", "Person", _NONE, _NONE),
    ("Mohammed", "Mohammed Ali", "Person", _NONE, _NONE),
    ("Mohammed Hassan", "Mohammed Ali", "Person", _NONE, _NONE),
    ("Abdul Rahman", "Abdul Rahman Yasin", "Person", _NONE, _NONE),
    ("Wang Wei", "Wang Jun", "Person", _NONE, _NONE),
    # different people
    ("Hasan Nasrallah", "Hussein Nasser", "Person", _NONE, _NONE),
    ("Ivan Petrov", "Ivan Ivanov", "Person", _NONE, _NONE),
    ("Ayman al-Zawahiri", "Ayman Nour", "Person", _NONE, _NONE),
    ("Zawahiri", "Ayman al-Zawahiri", "Person", _NONE, _NONE),
    # a father and his son, both listed: the son's own given name has no partner
    ("Saddam Hussein al-Tikriti", "Ali Saddam Hussein al-Tikriti", "Person", _NONE, _NONE),
    # conflicting facts
    (
        "Ayman al-Zawahiri",
        "Ayman al-Zawahiri",
        "Person",
        {"birth_date": "1990"},
        {"birth_dates": ("1951-06-19",)},
    ),
    ("Ivan Petrov", "Ivan Petrov", "Person", {"gender": "female"}, {"gender": "male"}),
    (
        "Ivan Petrov",
        "Ivan Petrov",
        "Person",
        {"nationalities": ("RU",), "birth_date": "1980"},
        {"nationalities": ("UA",), "birth_dates": ("1981",)},
    ),
    ("Osama bin Laden", "Osama bin Laden", "Person", {"schema": "Company"}, _NONE),
    # organisations: one rare word alone, generic words
    ("Rashid", "Al Rashid Trust", "Organization", _NONE, _NONE),
    ("Rashid Trading Company", "Al Rashid Trust", "Organization", _NONE, _NONE),
    ("Global Trading International", "Global Relief Foundation", "Organization", _NONE, _NONE),
    ("Al Akhtar Trading LLC", "Al-Akhtar Trust International", "Organization", _NONE, _NONE),
    ("Romashka Holding", "Lютик LLC", "Company", _NONE, _NONE),
]


def _score(pair: Pair) -> float:
    q_name, r_name, schema, q_extra, r_extra = pair
    q_extra = dict(q_extra)
    q_schema = q_extra.pop("schema", schema)
    query = Query(id="q", names=(q_name,), schema=q_schema, **q_extra)
    record = IndexRecord(subject_id=1, schema=schema, names=(r_name,), **r_extra)
    return score_pair(query, record).score


@pytest.mark.parametrize("pair", MATCHES, ids=lambda p: f"{p[0]}~{p[1]}")
def test_true_matches_score_above_threshold(pair: Pair) -> None:
    assert _score(pair) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("pair", NON_MATCHES, ids=lambda p: f"{p[0]}!~{p[1]}")
def test_true_non_matches_score_below_threshold(pair: Pair) -> None:
    assert _score(pair) < DEFAULT_THRESHOLD
