"""Document keys and the register index (``ictd.border.document_key``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictd.border.document_key import (
    DocumentIndex,
    DocumentKey,
    document_key,
    normalize_document_number,
    normalize_document_type,
)
from ictd.model import TravelDocument


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("c01x-00t47", "C01X00T47"), ("75 1234567", "751234567"), ("AB<<123<", "AB123"),
     ("ab.12/34", "AB1234"), ("Ａ１２３", "A123")],
)  # fmt: skip
def test_number_normalisation(raw: str, clean: str) -> None:
    assert normalize_document_number(raw) == clean


@pytest.mark.parametrize(
    ("code", "category"),
    [("P", "P"), ("PP", "P"), ("P<", "P"), ("PT", "P"), ("IP", "I"), ("ID", "I"), ("I<", "I"),
     ("AC", "A"), ("V", "V"), ("C", "C"), ("Z", "O"), ("", "O")],
)  # fmt: skip
def test_type_normalisation(code: str, category: str) -> None:
    assert normalize_document_type(code) == category


def test_key_normalises_all_three_parts() -> None:
    assert DocumentKey.of("PP", "c01x 00t47", "DEU") == DocumentKey("P", "C01X00T47", "DE")
    assert DocumentKey.of("P", "1", "D").issuing_state == "DE"
    assert DocumentKey.of("P", "1", "GBR").issuing_state == "GB"
    assert DocumentKey.of("P", "1", "UNO").issuing_state == "UNO"
    assert DocumentKey.of("P", "1", "ZZZ").issuing_state is None
    doc = TravelDocument("P", "a-1", "SY")
    assert document_key(doc) == DocumentKey("P", "A1", "SY")
    assert DocumentKey.of("P", "A1", "SY").digest == DocumentKey.of("P", "A1", "IQ").digest


@pytest.fixture
def index() -> DocumentIndex:
    return DocumentIndex.build(
        [
            (DocumentKey.of("P", "A1234567", "EGY"), 1),
            (DocumentKey.of("P", "A1234567", "SYR"), 2),  # same number, other state
            (DocumentKey.of("I", "A1234567", "EGY"), 3),  # same number, other type
            (DocumentKey.of("P", "X999", None), 4),  # reported without a state
            (DocumentKey.of("P", "A1234567", "EGY"), 5),  # a second report on document 1
        ]
    )


def test_lookup_by_number_state_and_type(index: DocumentIndex) -> None:
    assert sorted(index.lookup(DocumentKey.of("P", "a123-4567", "EG"))) == [1, 5]
    assert index.lookup(DocumentKey.of("P", "A1234567", "SY")) == (2,)
    assert index.lookup(DocumentKey.of("I", "A1234567", "EG")) == (3,)
    assert index.lookup(DocumentKey.of("P", "A1234567", "IQ")) == ()
    assert index.lookup(DocumentKey.of("P", "B0000000", "EG")) == ()


def test_missing_state_matches_any_state(index: DocumentIndex) -> None:
    assert sorted(index.lookup(DocumentKey.of("P", "A1234567"))) == [1, 2, 5]
    assert index.lookup(DocumentKey.of("P", "X999", "FR")) == (4,)


def test_changed_adds_and_removes(index: DocumentIndex) -> None:
    new = index.changed(added=[(DocumentKey.of("P", "N1", "IQ"), 9)], removed=[1, 4])
    assert sorted(new.lookup(DocumentKey.of("P", "A1234567", "EG"))) == [5]
    assert new.lookup(DocumentKey.of("P", "N1", "IQ")) == (9,)
    assert new.lookup(DocumentKey.of("P", "X999")) == ()
    assert len(new) == 4 and len(index) == 5  # the old index is unchanged
    assert new.nbytes == 4 * (8 + 2 + 8)


def test_empty_index() -> None:
    empty = DocumentIndex.build([])
    assert len(empty) == 0
    assert empty.lookup(DocumentKey.of("P", "A1")) == ()


_NUMBERS = st.text(alphabet="ABCDEFGHJK0123456789", min_size=1, max_size=9)
_STATES = st.sampled_from(["SY", "IQ", "DE", None])


@given(st.lists(st.tuples(_NUMBERS, _STATES), max_size=40))
def test_every_indexed_document_is_found(docs: list[tuple[str, str | None]]) -> None:
    keys = [DocumentKey.of("P", number, state) for number, state in docs]
    index = DocumentIndex.build((key, i) for i, key in enumerate(keys))
    for i, key in enumerate(keys):
        assert i in index.lookup(key)
        assert i in index.lookup(DocumentKey(key.type, key.number, None))
