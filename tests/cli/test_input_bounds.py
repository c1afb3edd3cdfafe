"""The command line refuses ids beyond 64 bits and text no database may hold, with one clean
message and exit code 1, on both databases, before anything is written."""

from __future__ import annotations

import pytest

from ictd.model.text import MAX_ID
from tests.api.test_errors import audit_seq, business_rows
from tests.cli.test_cli import ictd, refused
from tests.world import World

BEYOND = str(MAX_ID + 1)
AS = ["--as", "analyst@aaa.example"]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["subject", "show", BEYOND, *AS], "SUBJECT_ID"),
        (["subject", "show", "0", *AS], "SUBJECT_ID"),
        (
            ["listing", "add", BEYOND, *AS, "--category", "terrorist", "--action", "arrest"],
            "SUBJECT_ID",
        ),
        (["relation", "add", "1", "owns", BEYOND, *AS], "TARGET_ID"),
        (["key", "revoke", BEYOND], "KEY_ID"),
        (["judge", BEYOND, "1", "same", "--reason", "r", *AS], "SUBJECT_A"),
    ],
    ids=["show", "show-0", "listing", "relation", "key", "judge"],
)
def test_an_id_beyond_64_bits_is_a_clean_error(world: World, args: list[str], name: str) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    refused(ictd(world.store.url, *args), name, str(MAX_ID))
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (
            ["subject", "add", "--schema", "Person", "--name", "Abu\x00Bakr", *AS],
            "statements.0.value",
        ),
        (
            ["subject", "add", "--schema", "Person", "--name", "Abu \u202eBakr", *AS],
            "statements.0.value",
        ),
        (["subject", "add", "--schema", "Person", "--name", "\u200b", *AS], "statements.0.value"),
        (["agency", "add", "CCC", "--name", "Agency\x85"], "name"),
        (["subject", "show", "1", *AS, "--purpose", "case\x007"], "--purpose"),
    ],
    ids=["nul", "bidi", "invisible", "agency", "purpose"],
)
def test_text_no_database_may_hold_is_a_clean_error(
    world: World, args: list[str], field: str
) -> None:
    before, seq = business_rows(world.store), audit_seq(world.store)
    refused(ictd(world.store.url, *args), field)
    assert business_rows(world.store) == before
    assert audit_seq(world.store) == seq
