"""Fixture strategy: airline messages are files in ``tests/fixtures/border`` written after
the WCO/IATA/ICAO API and PNRGOV guidelines' structure; malformed ones in ``bad/`` each
carry one fault. Everything here is pure: no store, no network, no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "border"


def read_fixture(name: str) -> str:
    """A fixture's text (UTF-8 or, for UNOC files, Latin-1)."""
    data = (FIXTURES / name).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@pytest.fixture
def paxlst_text() -> str:
    return read_fixture("paxlst_passengers.edi")


@pytest.fixture
def pnrgov_text() -> str:
    return read_fixture("pnrgov_bookings.edi")
