"""MRZ-form names (``ictd.border.names``) and their transliteration (``…transliteration``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ictd.border.names import parse_mrz_name, to_mrz_name, traveller_name
from ictd.border.transliteration import mrz_transliterate


def test_parse_mrz_name() -> None:
    name = parse_mrz_name("AL<ZAWAHIRI<<AYMAN<<<<<<<<<<<<<<<<<<<<<<<", 39)
    assert (name.as_sent, name.surname, name.given_names) == (
        "AL<ZAWAHIRI<<AYMAN", "AL ZAWAHIRI", "AYMAN"
    )  # fmt: skip
    assert name.display == "AYMAN AL ZAWAHIRI"
    assert not name.truncated
    assert parse_mrz_name("AL ZAWAHIRI<<AYMAN").surname == "AL ZAWAHIRI"
    assert parse_mrz_name("SMITH/JOHN").given_names == "JOHN"
    assert parse_mrz_name("MADONNA").display == "MADONNA"


def test_truncated_name_fills_its_field() -> None:
    long = "ABDULLAH<AL<HASHIMI<<MUHAMMAD<IBRAHIM<AB"
    assert parse_mrz_name(long[:39], 39).truncated
    assert not parse_mrz_name("SHORT<<NAME<<<", 14).truncated


def test_traveller_name_from_components() -> None:
    name = traveller_name(("O'NEILL", "MARY", "ANN"))
    assert (name.as_sent, name.display) == ("O'NEILL/MARY/ANN", "MARY ANN O'NEILL")
    assert traveller_name(("HADDAD", "KARIM MR")).given_names == "KARIM"
    assert traveller_name(("AL<HASHIMI<<OMAR<KHALID",)).surname == "AL HASHIMI"
    assert traveller_name(("X" * 35, "Y")).truncated


def test_to_mrz_name() -> None:
    assert to_mrz_name("Müller-Lüdenscheidt", "Jürgen", 30) == "MUELLER<LUEDENSCHEIDT<<JUERGEN"
    assert to_mrz_name("O'Connor", "Seán Óg") == "OCONNOR<<SEAN<OG" + "<" * 23
    assert to_mrz_name("Øster", "Åsa Ærø", 20) == "OESTER<<AASA<AEROE<<"
    assert len(to_mrz_name("A" * 50, "B")) == 39


def test_transliteration_of_arabic_and_cyrillic() -> None:
    assert mrz_transliterate("Юсупов", "Руслан", 20) == "IUSUPOV<<RUSLAN<<<<<"
    assert mrz_transliterate("Щербаков", "Юрий").startswith("SHCHERBAKOV<<IURII")
    assert mrz_transliterate("حسن", "محمد").startswith("XHSN<<MXHMD<")
    assert mrz_transliterate("Lefèvre", "Hélène").startswith("LEFEVRE<<HELENE<")


@given(st.text(max_size=60), st.text(max_size=60))
def test_mrz_names_are_well_formed(surname: str, given_names: str) -> None:
    field = mrz_transliterate(surname, given_names)
    assert len(field) == 39
    assert set(field) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
    name = parse_mrz_name(field, 39)
    assert "<" not in name.display
