"""The country-name table covers every country the real UN list names."""

from __future__ import annotations

import pytest
from lxml import etree

from ictd.ingest.countries import country_code, country_name
from tests.ingest.conftest import UN_FILE

_COUNTRY_PATHS = (
    "//NATIONALITY/VALUE",
    "//INDIVIDUAL_ADDRESS/COUNTRY",
    "//ENTITY_ADDRESS/COUNTRY",
    "//INDIVIDUAL_PLACE_OF_BIRTH/COUNTRY",
    "//ISSUING_COUNTRY",
    "//COUNTRY_OF_ISSUE",
    "//COUNTRY_OF_BIRTH",
)
_NOT_COUNTRIES = {"former Soviet Union", "na"}


def test_every_country_in_the_un_list_has_a_code() -> None:
    root = etree.parse(str(UN_FILE)).getroot()
    names = {
        " ".join(element.text.split())
        for path in _COUNTRY_PATHS
        for element in root.xpath(path)
        if element.text and element.text.strip()
    }
    assert len(names) > 70
    assert {n for n in names if country_code(n) is None} == _NOT_COUNTRIES


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Democratic Republic of the Congo", "CD"),
        ("Congo", "CG"),
        ("Syrian Arab Republic", "SY"),
        ("Iran (Islamic Republic of)", "IR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("  united   kingdom ", "GB"),
        ("Democratic People’s Republic of Korea", "KP"),
        ("Türkiye", "TR"),
        ("the Netherlands", "NL"),
        ("China, Hong Kong Special Administrative Region", "HK"),
        ("Atlantis", None),
    ],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_country_name() -> None:
    assert country_name("sy") == "Syrian Arab Republic"
    assert country_name("QQ") is None
