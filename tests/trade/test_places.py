"""Placing ports, cities and coordinates offline; what cannot be placed is said."""

from __future__ import annotations

import pytest

from ictd.trade import Place, Unplaced, locate_place


@pytest.mark.parametrize(
    ("text", "kind", "name", "country"),
    [
        ("SYLTK", "port", "Latakia", "SY"),
        ("Raqqa", "city", "Ar Raqqah", "SY"),
        ("Mosul, Iraq", "city", "Mosul", "IQ"),
        ("Deir ez-Zor, SY", "city", "Deir ez-Zor", "SY"),
        ("Palmyra", "city", "Tadmur", "SY"),
        ("35.95, 39.01", "coordinates", "35.95, 39.01", None),
    ],
)
def test_places_are_found(text: str, kind: str, name: str, country: str | None) -> None:
    place = locate_place(text)
    assert isinstance(place, Place)
    assert (place.kind, place.name, place.country) == (kind, name, country)


def test_coordinates_are_taken_as_given() -> None:
    place = locate_place("35.95,39.01")
    assert isinstance(place, Place)
    assert (place.lat, place.lon) == (35.95, 39.01)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("95.0, 39.0", "impossible coordinates"),
        ("XXZZZ", "not in the port table"),
        ("Syria", "whole country"),
        ("Qwxyzzy", "no port or city"),
        ("Mosul, Narnia", "not a country"),
        ("Mosul, FR", "no port or city"),
        ("  ", "empty"),
    ],
)
def test_what_cannot_be_placed_is_reported(text: str, words: str) -> None:
    place = locate_place(text)
    assert isinstance(place, Unplaced)
    assert words in place.reason
