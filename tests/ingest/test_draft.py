"""Subject drafts: validation with the entry named, de-duplication, script languages."""

from __future__ import annotations

import pytest

from ictd.exc import SourceError
from ictd.ingest.batch import make_record
from ictd.ingest.draft import SubjectDraft, Where, detect_lang
from ictd.model.schema import Schema


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("محمد صلاح الدين", "ara"),
        ("مطیع الرحمن علی محمد", "ara"),
        ("Айрат Насимович Вахитов", "rus"),
        ("金正恩", "zho"),
        ("김정은", "kor"),
        ("Mohammed al-Zawahiri", None),
        ("Müller", None),
        ("", None),
    ],
)
def test_detect_lang(text: str, lang: str | None) -> None:
    assert detect_lang(text) == lang


def _draft(schema: Schema = Schema.PERSON) -> SubjectDraft:
    return SubjectDraft(schema, "test", Where("entry 7", 12))


def test_values_are_cleaned_and_deduplicated() -> None:
    draft = _draft()
    draft.add("name", "  Ali   Hassan ")
    draft.add("name", "Ali Hassan")
    draft.add("passportNumber", "ab 123", "sy")
    draft.add("passportNumber", "AB123", "SY")
    draft.add("alias", None)
    draft.note("")
    subject = draft.to_subject(("x:1",))
    assert [(s.prop, s.value, s.norm, s.qualifier) for s in subject.statements] == [
        ("name", "Ali Hassan", "ali hassan", None),
        ("passportNumber", "ab 123", "AB123", "SY"),
    ]
    assert subject.external_ids == ("x:1",) and subject.source == "test"


def test_errors_name_entry_line_and_field() -> None:
    draft = _draft()
    with pytest.raises(
        SourceError, match=r"^entry 7, line 12: DOB: day 30 is out of range"
    ) as caught:
        draft.add("birthDate", "1980-02-30", field="DOB")
    assert caught.value.details["field"] == "DOB"
    with pytest.raises(SourceError, match="'country' does not apply to Person"):
        draft.add("country", "SY")
    with pytest.raises(SourceError, match="does not apply"):
        draft.add("noSuchProperty", "x")


def test_digest_ignores_statement_order() -> None:
    one, two = _draft(), _draft()
    one.add("name", "A B")
    one.add("alias", "C D")
    two.add("alias", "C D")
    two.add("name", "A B")
    first = make_record("k", one.to_subject())
    assert first.digest == make_record("k", two.to_subject()).digest
    assert first.digest != make_record("other", two.to_subject()).digest
