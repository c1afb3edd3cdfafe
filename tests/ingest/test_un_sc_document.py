"""Documents of UN SC individuals: which property, and the identifier inside the prose."""

from __future__ import annotations

import pytest

from ictd.ingest.un_sc_document import clean_number, document_property


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1084010", "1084010"),
        ("TR-P 614 166", "TR-P 614 166"),
        ("CAR diplomatic passport no. D00000897", "D00000897"),
        ("381110042 (Expired 25 Jan. 2016)", "381110042"),
        ("R00012098, South Sudan", "R00012098"),
        ("Social Security Number 423-31-3021 (US)", "423-31-3021"),
        ("German travel document (“Reiseausweis”) A 0139243", "A 0139243"),
        ("Afghan passport number SE 012820", "SE 012820"),
        ("Libya B/002210", "B/002210"),
        ("Provisional passport No.: 28642163", "28642163"),
    ],
)
def test_clean_number(raw: str, number: str) -> None:
    assert clean_number(raw) == number


@pytest.mark.parametrize(
    ("kind", "kind2", "prop"),
    [
        ("Passport", None, "passportNumber"),
        ("Numéro de passeport", None, "passportNumber"),
        ("National Identification Number", None, "idNumber"),
        ("National Identification Number", "Ration card number:", "otherId"),
        ("National Identification Number", "Birth certificate", "otherId"),
        (
            "National Identification Number",
            "Afghan national identification card (tazkira)",
            "idNumber",
        ),
        ("National Identification Number", "national passport", "passportNumber"),
        ("National Identification Number", "number:", "idNumber"),
        ("Laissez-passer", None, "otherId"),
        (None, None, "otherId"),
    ],
)
def test_document_property(kind: str | None, kind2: str | None, prop: str) -> None:
    assert document_property(kind, kind2) == prop
