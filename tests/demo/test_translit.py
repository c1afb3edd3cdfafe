"""Cyrillic romanisation systems."""

from __future__ import annotations

import pytest

from ictd.demo.translit import romanize, romanize_all


@pytest.mark.parametrize(
    ("text", "system", "expected"),
    [
        ("Юсупов", "bgn", "Yusupov"),
        ("Юсупов", "icao", "Iusupov"),
        ("Юсупов", "scholarly", "Jusupov"),
        ("Юсупов", "german", "Jussupow"),
        ("Евгений", "bgn", "Yevgeniy"),
        ("Евгений", "icao", "Evgenii"),
        ("Хамзат", "bgn", "Khamzat"),
        ("Щукин", "bgn", "Shchukin"),
        ("Ковалёв", "icao", "Kovalev"),
        ("ООО Восток", "bgn", "OOO Vostok"),
    ],
)
def test_romanize(text: str, system: str, expected: str) -> None:
    assert romanize(text, system) == expected


def test_romanize_all_is_distinct_and_bgn_first() -> None:
    assert romanize_all("Шамиль") == ("Shamil", "Schamil")
