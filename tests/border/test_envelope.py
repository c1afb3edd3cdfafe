"""The EDIFACT envelope (``ictd.border.envelope``): counts, references, groups, parts."""

from __future__ import annotations

from datetime import datetime

import pytest

from ictd.border.envelope import join_parts, open_interchange
from ictd.exc import InvalidInput
from tests.border.conftest import read_fixture


def _message(ref: str, body: list[str], extra: str = "") -> list[str]:
    segments = [f"UNH+{ref}+PAXLST:D:05B:UN:IATA{extra}", *body]
    return [*segments, f"UNT+{len(segments) + 1}+{ref}"]


def _interchange(*messages: list[str], count: int | None = None, ref: str = "R1") -> str:
    segments = ["UNB+UNOA:4+SENDER+RECEIVER+240501:1200+R1"]
    for m in messages:
        segments += m
    segments.append(f"UNZ+{len(messages) if count is None else count}+{ref}")
    return "\n".join(s + "'" for s in segments)


def test_envelope_data() -> None:
    envelope = open_interchange(read_fixture("paxlst_passengers.edi"))
    assert (envelope.sender, envelope.recipient, envelope.reference) == (
        "LHAPI", "DEAPIS", "LH0501001"
    )  # fmt: skip
    assert envelope.prepared_at == datetime(2024, 5, 1, 12, 0)
    assert (envelope.syntax, envelope.syntax_version, envelope.test) == ("UNOA", 4, False)
    (message,) = envelope.messages
    assert (message.type, message.version, message.reference) == ("PAXLST", "D:05B", "1")
    assert message.common_access_reference == "LH400/240501/1530"
    assert message.segments[0].tag == "BGM" and message.trailer.tag == "UNT"


def test_unz_count_and_reference_reject_the_interchange() -> None:
    text = _interchange(_message("1", ["BGM+745"]), count=2)
    with pytest.raises(InvalidInput) as exc:
        open_interchange(text)
    assert exc.value.errors[0].field == "segment 5 (UNZ)"
    assert "counts 2, the interchange has 1" in exc.value.errors[0].message
    with pytest.raises(InvalidInput, match="control reference 'R2'"):
        open_interchange(_interchange(_message("1", ["BGM+745"]), ref="R2"))


def test_interchange_must_open_with_unb_and_close_with_unz() -> None:
    with pytest.raises(InvalidInput, match="starts with UNB"):
        open_interchange("UNH+1+PAXLST'UNT+2+1'")
    with pytest.raises(InvalidInput, match="ends with UNZ"):
        open_interchange("UNB+UNOA:4+S+R+240501:1200+R1'UNH+1+PAXLST'UNT+2+1'")


def test_bad_unb_time() -> None:
    with pytest.raises(InvalidInput) as exc:
        open_interchange("UNB+UNOA:4+S+R+240532:1200+R1'UNZ+0+R1'")
    assert exc.value.errors[0].field == "segment 1 (UNB)"


def test_unt_count_and_reference_reject_only_that_message() -> None:
    good = _message("1", ["BGM+745"])
    bad = ["UNH+2+PAXLST:D:05B:UN:IATA", "BGM+745", "UNT+9+2"]
    envelope = open_interchange(_interchange(good, bad))
    assert [m.reference for m in envelope.messages] == ["1"]
    (rejection,) = envelope.rejected
    assert rejection.message_reference == "2"
    assert rejection.errors[0].field == "segment 7 (UNT)"
    assert "counts 9 segments, the message has 3" in rejection.errors[0].message
    wrong_ref = ["UNH+3+PAXLST:D:05B:UN:IATA", "BGM+745", "UNT+3+X"]
    envelope = open_interchange(_interchange(good, wrong_ref))
    assert "message reference 'X'" in envelope.rejected[0].errors[0].message


def test_missing_unt() -> None:
    unterminated = ["UNH+1+PAXLST:D:05B:UN:IATA", "BGM+745"]
    envelope = open_interchange(_interchange(unterminated, _message("2", ["BGM+745"])))
    assert [m.reference for m in envelope.messages] == ["2"]
    assert [(e.field, e.message) for e in envelope.rejected[0].errors] == [
        ("segment 2 (UNH)", "UNH: UNT missing")
    ]


def test_functional_group_counts() -> None:
    text = read_fixture("paxlst_passengers.edi").replace("UNE+1+1'", "UNE+3+1'")
    with pytest.raises(InvalidInput, match="counts 3, the group has 1"):
        open_interchange(text)


def test_multi_part_messages_join_in_order() -> None:
    parts = [
        _message("2", ["BGM+745"], "+CAR+02:F"),
        _message("1", ["BGM+745"], "+CAR+01:C"),
        _message("9", ["BGM+745"]),
    ]
    envelope = open_interchange(_interchange(*parts))
    groups, rejected = join_parts(envelope.messages)
    assert rejected == []
    assert [[p.reference for p in g] for g in groups] == [["1", "2"], ["9"]]


@pytest.mark.parametrize(
    ("sequences", "problem"),
    [
        (("01:C", "03:F"), "part 02 of 3 missing"),
        (("01:C", "02:C"), "the final part (F) of multi-part message [1, 2] is missing"),
        (("01:C", "01:F"), "part 01 repeated"),
    ],
)
def test_multi_part_faults(sequences: tuple[str, str], problem: str) -> None:
    parts = [_message(str(i), ["BGM+745"], f"+CAR+{s}") for i, s in enumerate(sequences, 1)]
    groups, rejected = join_parts(open_interchange(_interchange(*parts)).messages)
    assert groups == []
    assert problem in rejected[0].errors[0].message
    assert rejected[0].errors[0].field.endswith("(UNH)")


def test_bad_sequence_marker() -> None:
    envelope = open_interchange(_interchange(_message("1", ["BGM+745"], "+CAR+01:X")))
    assert "not NN:C or NN:F" in envelope.rejected[0].errors[0].message
