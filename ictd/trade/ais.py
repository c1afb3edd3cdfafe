"""AIS tracks: positions from NMEA (decoded with ``pyais``) or CSV, and what they show near
embargoed areas.

Input:

- **CSV** with a header: ``mmsi``, ``time`` (ISO 8601, a zone or UTC), ``lat``, ``lon`` and
  optionally ``sog`` (speed over ground, knots);
- **NMEA** ``!AIVDM``/``!AIVDO`` sentences, one a line, each timed by a tag block
  (``\\c:1700000000*hh\\!AIVDM,…``, the receiver's Unix time) or by an ISO 8601 time and a
  space before the sentence. Position reports (types 1, 2, 3, 18, 19) are kept; other
  message types carry no position and are counted as skipped.

A malformed line, an unknown MMSI form or impossible coordinates is an error naming the
line and field; nothing of the file is screened.

Findings, each with times and positions:

- ``loitering``: a vessel slower than ``slow_knots`` inside an area for at least
  ``loiter_hours`` (a port call or loitering);
- ``gap``: no position from a vessel for at least ``gap_hours``, the last position before or
  the first after it within ``near_km`` of an area (the transponder off near the area);
- ``ship-to-ship``: two vessels within ``sts_metres`` of each other, both slower than
  ``slow_knots``, for at least ``sts_hours``, inside or within ``near_km`` of an area.

Distances to areas are measured in degrees and turned into kilometres at 111.32 km a
degree (exact enough at tens of kilometres); distances between vessels by the haversine.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import shapely
from pyais import NMEAMessage

from ictd.exc import ErrorCollector
from ictd.trade.geometry import AreaIndex, IndexedVersion, check_point

__all__ = [
    "AisSettings",
    "Position",
    "find_events",
    "parse_csv_positions",
    "parse_nmea",
]

KM_PER_DEGREE = 111.32
EARTH_RADIUS_M = 6_371_000.0
POSITION_TYPES = frozenset({1, 2, 3, 18, 19})
_TAG_TIME = re.compile(r"(?:^|,)c:(\d{9,11})")
MAX_ERRORS = 50


@dataclass(frozen=True, slots=True)
class Position:
    mmsi: int
    time: datetime
    lat: float
    lon: float
    sog: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mmsi": self.mmsi,
            "time": self.time.isoformat(),
            "lat": self.lat,
            "lon": self.lon,
            "sog": self.sog,
        }


@dataclass(frozen=True, slots=True)
class AisSettings:
    slow_knots: float = 1.0
    loiter_hours: float = 2.0
    gap_hours: float = 6.0
    near_km: float = 20.0
    sts_metres: float = 500.0
    sts_hours: float = 2.0


def _mmsi(errors: ErrorCollector, path: str, value: Any) -> int | None:
    text = str(value).strip()
    if not (len(text) == 9 and text.isdigit()):
        errors.add(path, f"{value!r} is not an MMSI (9 digits)")
        return None
    return int(text)


def _time(errors: ErrorCollector, path: str, value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        errors.add(path, f"{value!r} is not an ISO 8601 time")
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _number(errors: ErrorCollector, path: str, value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.add(path, f"{value!r} is not a number")
        return None
    if not math.isfinite(number):
        errors.add(path, f"{value!r} is not a number")
        return None
    return number


def _csv_line(i: int) -> str:
    return f"line {i + 2}"  # the header is line 1


def _nmea_line(i: int) -> str:
    return f"line {i + 1}"


def parse_csv_positions(
    rows: Iterable[dict[str, str]], name: Callable[[int], str] = _csv_line
) -> list[Position]:
    """Positions of CSV rows; all problems raised at once, the row named by ``name``."""
    errors = ErrorCollector()
    out = []
    for i, row in enumerate(rows):
        if len(errors.errors) >= MAX_ERRORS:
            break
        where = name(i)
        start = len(errors.errors)
        mmsi = _mmsi(errors, f"{where}.mmsi", row.get("mmsi") or "")
        moment = _time(errors, f"{where}.time", row.get("time") or "")
        lat = _number(errors, f"{where}.lat", row.get("lat"))
        lon = _number(errors, f"{where}.lon", row.get("lon"))
        sog = None
        if (row.get("sog") or "").strip():
            sog = _number(errors, f"{where}.sog", row.get("sog"))
        if lat is not None and lon is not None and (problem := check_point(lon, lat)):
            errors.add(f"{where}.lat" if "latitude" in problem else f"{where}.lon", problem)
        if len(errors.errors) == start and mmsi and moment and lat is not None and lon is not None:
            out.append(Position(mmsi, moment, lat, lon, sog))
    errors.raise_if_any("invalid AIS positions")
    return out


def _nmea_time(prefix: str) -> datetime | None:
    found = _TAG_TIME.search(prefix)
    if found:
        return datetime.fromtimestamp(int(found.group(1)), UTC)
    try:
        moment = datetime.fromisoformat(prefix.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_nmea(
    lines: Iterable[str], name: Callable[[int], str] = _nmea_line
) -> tuple[list[Position], int]:
    """Positions of timed NMEA lines, and how many sentences were skipped (no position:
    other message types, fragments of multi-part messages). Problems raised at once."""
    errors = ErrorCollector()
    out, skipped = [], 0
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text or len(errors.errors) >= MAX_ERRORS:
            continue
        where = name(i)
        start = text.find("!AIVD")
        if start < 0:
            errors.add(where, "no !AIVDM or !AIVDO sentence")
            continue
        moment = _nmea_time(text[:start].strip("\\ "))
        if moment is None:
            errors.add(f"{where}.time", "no time: give a tag block c:UNIXTIME or an ISO time")
            continue
        try:
            message = NMEAMessage(text[start:].encode("ascii"))
            if not message.is_valid:
                errors.add(where, "malformed NMEA: the checksum does not match")
                continue
            if not message.is_single:
                skipped += 1
                continue
            decoded = message.decode().asdict()
        except Exception as err:
            errors.add(where, f"malformed NMEA: {type(err).__name__}: {err}"[:200])
            continue
        if decoded.get("msg_type") not in POSITION_TYPES:
            skipped += 1
            continue
        lat, lon = decoded.get("lat"), decoded.get("lon")
        if lat is None or lon is None or lat == 91 or lon == 181:  # 91/181: not available
            skipped += 1
            continue
        if problem := check_point(lon, lat):
            errors.add(f"{where}.position", problem)
            continue
        sog = decoded.get("speed")
        speed = float(sog) if isinstance(sog, int | float) and sog < 102.3 else None
        out.append(Position(int(str(decoded["mmsi"])), moment, float(lat), float(lon), speed))
    errors.raise_if_any("invalid NMEA")
    return out, skipped


# -- events -------------------------------------------------------------------------------


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def _tracks(positions: Sequence[Position]) -> dict[int, list[int]]:
    tracks: dict[int, list[int]] = defaultdict(list)
    for i in sorted(range(len(positions)), key=lambda i: (positions[i].mmsi, positions[i].time)):
        tracks[positions[i].mmsi].append(i)
    return tracks


def _slow(position: Position, settings: AisSettings) -> bool:
    return position.sog is not None and position.sog < settings.slow_knots


def _hours(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 3600


def find_events(
    positions: Sequence[Position],
    index: AreaIndex,
    near: Callable[[IndexedVersion, float, float], float],
    settings: AisSettings | None = None,
) -> list[dict[str, Any]]:
    """Loitering, gaps and ship-to-ship candidates (see the module's doc). ``near`` gives the
    distance in km from a point to an area version's shape (0 inside)."""
    conf = settings or AisSettings()
    if not positions:
        return []
    lons = np.array([p.lon for p in positions])
    lats = np.array([p.lat for p in positions])
    days = np.array([p.time.date().toordinal() for p in positions])
    point_no, version_no = index.locate(lons, lats, days)
    inside: dict[int, list[IndexedVersion]] = defaultdict(list)
    for p, v in zip(point_no.tolist(), version_no.tolist(), strict=True):
        inside[p].append(index.versions[v])
    tracks = _tracks(positions)
    events = _loitering(positions, tracks, inside, conf)
    events += _gaps(positions, tracks, index, near, conf)
    events += _ship_to_ship(positions, index, near, conf)
    return events


def _loitering(
    positions: Sequence[Position],
    tracks: dict[int, list[int]],
    inside: dict[int, list[IndexedVersion]],
    conf: AisSettings,
) -> list[dict[str, Any]]:
    events = []
    for mmsi, track in tracks.items():
        runs: dict[tuple[int, int], list[int]] = {}

        def close(key: tuple[int, int], run: list[int], mmsi: int = mmsi) -> None:
            first, last = positions[run[0]], positions[run[-1]]
            if _hours(first.time, last.time) >= conf.loiter_hours:
                events.append(
                    {
                        "kind": "loitering",
                        "mmsi": mmsi,
                        "area": {"area_id": key[0], "version": key[1]},
                        "start": first.to_dict(),
                        "end": last.to_dict(),
                        "hours": round(_hours(first.time, last.time), 2),
                        "positions": len(run),
                    }
                )

        for i in track:
            here = {(v.area_id, v.version) for v in inside.get(i, [])}
            slow = _slow(positions[i], conf)
            for key in list(runs):
                if key not in here or not slow:
                    close(key, runs.pop(key))
            if slow:
                for key in here:
                    runs.setdefault(key, []).append(i)
        for key, run in runs.items():
            close(key, run)
    return events


def _nearest(
    index: AreaIndex,
    near: Callable[[IndexedVersion, float, float], float],
    position: Position,
    limit_km: float,
) -> tuple[IndexedVersion, float] | None:
    day = position.time.date()
    best = None
    reach = limit_km / KM_PER_DEGREE
    box = shapely.box(
        position.lon - reach, position.lat - reach, position.lon + reach, position.lat + reach
    )
    for v in sorted(index.tree.query(box).tolist()):
        version = index.versions[v]
        if (version.valid_from and day < version.valid_from) or (
            version.valid_until and day > version.valid_until
        ):
            continue
        km = near(version, position.lon, position.lat)
        if km <= limit_km and (best is None or km < best[1]):
            best = (version, km)
    return best


def _gaps(
    positions: Sequence[Position],
    tracks: dict[int, list[int]],
    index: AreaIndex,
    near: Callable[[IndexedVersion, float, float], float],
    conf: AisSettings,
) -> list[dict[str, Any]]:
    events = []
    for mmsi, track in tracks.items():
        for a, b in itertools.pairwise(track):
            before, after = positions[a], positions[b]
            hours = _hours(before.time, after.time)
            if hours < conf.gap_hours:
                continue
            for end, position in (("start", before), ("end", after)):
                found = _nearest(index, near, position, conf.near_km)
                if found is not None:
                    version, km = found
                    events.append(
                        {
                            "kind": "gap",
                            "mmsi": mmsi,
                            "area": {"area_id": version.area_id, "version": version.version},
                            "near": end,
                            "km_from_area": round(km, 2),
                            "start": before.to_dict(),
                            "end": after.to_dict(),
                            "hours": round(hours, 2),
                        }
                    )
                    break
    return events


def _ship_to_ship(
    positions: Sequence[Position],
    index: AreaIndex,
    near: Callable[[IndexedVersion, float, float], float],
    conf: AisSettings,
) -> list[dict[str, Any]]:
    """Pairs of slow vessels close together: positions bucketed by 10-minute slot and a grid
    of about a kilometre, so that only neighbours are compared."""
    slot_seconds, cell = 600, 0.01
    buckets: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for i, p in enumerate(positions):
        if _slow(p, conf):
            key = (int(p.time.timestamp() // slot_seconds), int(p.lat // cell), int(p.lon // cell))
            buckets[key].append(i)
    seen: dict[tuple[int, int], list[tuple[datetime, int]]] = defaultdict(list)
    for (slot, y, x), members in buckets.items():
        others = [
            j
            for ds in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for j in buckets.get((slot + ds, y + dy, x + dx), ())
        ]
        for i in members:
            for j in others:
                a, b = positions[i], positions[j]
                if a.mmsi >= b.mmsi or abs((a.time - b.time).total_seconds()) > slot_seconds:
                    continue
                if _metres(a.lat, a.lon, b.lat, b.lon) <= conf.sts_metres:
                    seen[(a.mmsi, b.mmsi)].append((a.time, i))
    events = []
    for (first, second), meetings in sorted(seen.items()):
        meetings.sort()
        run = [meetings[0]]
        for meeting in [*meetings[1:], None]:
            if meeting is not None and _hours(run[-1][0], meeting[0]) <= 0.5:
                run.append(meeting)
                continue
            start, end = positions[run[0][1]], positions[run[-1][1]]
            if _hours(start.time, end.time) >= conf.sts_hours:
                found = _nearest(index, near, start, conf.near_km)
                if found is not None:
                    version, km = found
                    events.append(
                        {
                            "kind": "ship-to-ship",
                            "mmsi": first,
                            "other_mmsi": second,
                            "area": {"area_id": version.area_id, "version": version.version},
                            "km_from_area": round(km, 2),
                            "start": start.to_dict(),
                            "end": end.to_dict(),
                            "hours": round(_hours(start.time, end.time), 2),
                        }
                    )
            if meeting is not None:
                run = [meeting]
    return events
