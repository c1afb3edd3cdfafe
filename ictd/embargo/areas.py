"""Embargoed areas: create, version, withdraw, read and import them, under the policy.

An area belongs to the agency of the analyst who made it; only that agency changes it.
Agencies read their own areas and those shared with them (``all``, or ``named`` with them);
any other answers as a missing one, and the refusal is audited for the owner. Every read
and change is an audit event, as for listings. A change of shape, name, legal basis or
period adds a version; old versions stay, so a shipment is judged against the area as it
was on its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ictd.exc import ErrorCollector, InvalidInput, NotFound, Refusal
from ictd.model import Sharing
from ictd.model.text import text_problem
from ictd.model.trade import Area, AreaVersion
from ictd.security.actor import Actor
from ictd.security.policy import Permission, require, require_write_owned
from ictd.store import Session, Store
from ictd.trade import check_geometry

__all__ = [
    "MAX_FEATURES",
    "AreaInput",
    "add_area_version",
    "area_versions",
    "can_read_area",
    "create_area",
    "get_area",
    "import_areas",
    "list_areas",
    "map_areas",
    "parse_feature_collection",
    "withdraw_area",
]

MAX_FEATURES = 1000
MAX_NAME = 200
MAX_LEGAL_BASIS = 4000
UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class AreaInput:
    """An area as a caller gives it; ``None`` means "not given" (keep the current value)."""

    name: str | None = None
    geometry: dict[str, Any] | None = None
    legal_basis: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    sharing: str | None = None
    shared_with: list[str] | None = None
    area_id: int | None = None  # in an import: a new version of this area
    fields: frozenset[str] = field(default_factory=frozenset)  # given in a partial change


@dataclass(frozen=True, slots=True)
class _Checked:
    version: AreaVersion
    sharing: Sharing | None
    shared_with: tuple[str, ...] | None


def _day(errors: ErrorCollector, path: str, value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.add(path, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _check(
    data: AreaInput, errors: ErrorCollector, prefix: str, base: AreaVersion | None
) -> _Checked | None:
    """Validate ``data`` (over ``base``, the current version, for a change)."""
    start = len(errors.errors)
    name = data.name if data.name is not None else (base.name if base else None)
    if name is None or not name.strip():
        errors.add(f"{prefix}name", "is required")
    elif len(name) > MAX_NAME:
        errors.add(f"{prefix}name", f"longer than {MAX_NAME} characters")
    elif problem := text_problem(name):
        errors.add(f"{prefix}name", problem)
    legal = (
        data.legal_basis if data.legal_basis is not None else (base.legal_basis if base else None)
    )
    if legal is not None and len(legal) > MAX_LEGAL_BASIS:
        errors.add(f"{prefix}legal_basis", f"longer than {MAX_LEGAL_BASIS} characters")
    elif legal is not None and (problem := text_problem(legal, multiline=True)):
        errors.add(f"{prefix}legal_basis", problem)
    geometry = data.geometry if data.geometry is not None else (base.geometry if base else None)
    if geometry is None:
        errors.add(f"{prefix}geometry", "is required")
    else:
        check_geometry(geometry, errors, f"{prefix}geometry")
    given = data.fields
    valid_from = _day(errors, f"{prefix}valid_from", data.valid_from)
    valid_until = _day(errors, f"{prefix}valid_until", data.valid_until)
    if base is not None and "valid_from" not in given and data.valid_from is None:
        valid_from = base.valid_from
    if base is not None and "valid_until" not in given and data.valid_until is None:
        valid_until = base.valid_until
    if valid_from and valid_until and valid_until < valid_from:
        errors.add(f"{prefix}valid_until", "is before valid_from")
    sharing = None
    if data.sharing is not None:
        try:
            sharing = Sharing(data.sharing)
        except ValueError:
            errors.add(f"{prefix}sharing", f"{data.sharing!r} is not one of own, named, all")
    if len(errors.errors) > start or name is None or geometry is None:
        return None
    version = AreaVersion(
        area_id=base.area_id if base else 0,
        version=base.version + 1 if base else 1,
        name=name.strip(),
        geometry=geometry,
        legal_basis=legal,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    shared = tuple(dict.fromkeys(data.shared_with)) if data.shared_with is not None else None
    return _Checked(version, sharing, shared)


def _scope(
    errors: ErrorCollector,
    session: Session,
    prefix: str,
    sharing: Sharing,
    shared_with: tuple[str, ...],
) -> None:
    for i, code in enumerate(shared_with):
        if session.accounts.get_agency(code) is None:
            errors.add(f"{prefix}shared_with.{i}", f"agency {code!r} does not exist")
    if sharing is Sharing.NAMED and not shared_with:
        errors.add(f"{prefix}shared_with", "name at least one agency when sharing is 'named'")
    if sharing is not Sharing.NAMED and shared_with:
        errors.add(f"{prefix}shared_with", "only an area with sharing 'named' names agencies")


def can_read_area(actor: Actor, area: Area) -> bool:
    """The owner, and agencies inside the area's sharing scope (the operator reads all)."""
    if actor.is_system or area.agency == actor.agency:
        return True
    if area.sharing is Sharing.ALL:
        return True
    return area.sharing is Sharing.NAMED and actor.agency in area.shared_with


def _get(session: Session, actor: Actor, area_id: int) -> Area:
    require(actor, Permission.READ_RECORDS)
    message = f"area {area_id} does not exist"
    area = session.areas.get(area_id)
    if area is None:
        raise NotFound(message)
    if not can_read_area(actor, area):
        refusal = Refusal(actor, "area.read.refused", (f"area:{area_id}",), (area.agency,))
        raise NotFound(message, None, refusal)
    return area


def _insert(
    session: Session, actor: Actor, checked: _Checked, moment: datetime
) -> tuple[int, AreaVersion]:
    agency = actor.agency or ""
    area_id = session.areas.insert(
        agency, checked.sharing or Sharing.OWN, checked.shared_with or (), moment, actor.user_id
    )
    version = _stamp(checked.version, area_id, 1, actor, moment)
    session.areas.add_version(version)
    return area_id, version


def _stamp(
    version: AreaVersion, area_id: int, number: int, actor: Actor, moment: datetime
) -> AreaVersion:
    return AreaVersion(
        area_id=area_id,
        version=number,
        name=version.name,
        geometry=version.geometry,
        legal_basis=version.legal_basis,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        recorded_at=moment,
        recorded_by=actor.user_id,
    )


def _require_agency(actor: Actor) -> None:
    require_write_owned(actor, actor.agency)
    if not actor.agency:
        raise InvalidInput("an area belongs to an agency: act as one of its analysts")


def create_area(store: Store, actor: Actor, data: AreaInput, now: datetime | None = None) -> Area:
    """A new area owned by the actor's agency, with its first version."""
    moment = now or datetime.now(UTC)
    _require_agency(actor)
    errors = ErrorCollector()
    checked = _check(data, errors, "", None)
    errors.raise_if_any("invalid area")
    assert checked is not None
    with store.begin() as session:
        _scope(errors, session, "", checked.sharing or Sharing.OWN, checked.shared_with or ())
        errors.raise_if_any("invalid area")
        area_id, version = _insert(session, actor, checked, moment)
        session.audit.record(
            actor, "area.create", [f"area:{area_id}"], version=1, name=version.name
        )
        area = session.areas.get(area_id)
    assert area is not None
    return area


def add_area_version(
    store: Store, actor: Actor, area_id: int, data: AreaInput, now: datetime | None = None
) -> Area:
    """Change an area: a new version from the given fields over the current ones (and a new
    sharing scope when given). Only the owning agency may."""
    moment = now or datetime.now(UTC)
    require(actor, Permission.WRITE_RECORDS)
    with store.begin() as session:
        area = _get(session, actor, area_id)
        require_write_owned(actor, area.agency)
        errors = ErrorCollector()
        checked = _check(data, errors, "", area.current)
        errors.raise_if_any("invalid area")
        assert checked is not None
        sharing = checked.sharing or area.sharing
        shared = checked.shared_with if checked.shared_with is not None else area.shared_with
        if checked.sharing is not None and checked.sharing is not Sharing.NAMED:
            shared = checked.shared_with or ()
        _scope(errors, session, "", sharing, shared)
        errors.raise_if_any("invalid area")
        number = area.current.version + 1
        session.areas.add_version(_stamp(checked.version, area_id, number, actor, moment))
        session.areas.set_scope(area_id, sharing, shared, area.withdrawn)
        session.audit.record(
            actor,
            "area.update",
            [f"area:{area_id}"],
            version=number,
            fields=sorted(data.fields) or None,
        )
        changed = session.areas.get(area_id)
    assert changed is not None
    return changed


def withdraw_area(store: Store, actor: Actor, area_id: int) -> Area:
    """Withdraw an area: it stays on record with its versions but judges nothing more."""
    require(actor, Permission.WRITE_RECORDS)
    with store.begin() as session:
        area = _get(session, actor, area_id)
        require_write_owned(actor, area.agency)
        session.areas.set_scope(area_id, area.sharing, area.shared_with, True)
        session.audit.record(actor, "area.withdraw", [f"area:{area_id}"])
        changed = session.areas.get(area_id)
    assert changed is not None
    return changed


def get_area(store: Store, actor: Actor, area_id: int) -> Area:
    with store.begin() as session:
        area = _get(session, actor, area_id)
        session.audit.record(actor, "area.view", [f"area:{area_id}"])
    return area


def area_versions(store: Store, actor: Actor, area_id: int) -> Area:
    """The area with its whole history of versions, newest first."""
    with store.begin() as session:
        area = _get(session, actor, area_id)
        session.audit.record(actor, "area.versions", [f"area:{area_id}"], count=len(area.versions))
    return area


def list_areas(
    store: Store, actor: Actor, after: int = 0, limit: int = 100
) -> tuple[list[Area], int | None]:
    """The areas the actor may read, with their newest versions, a page at a time."""
    require(actor, Permission.READ_RECORDS)
    agency = None if actor.is_system else actor.agency
    with store.begin() as session:
        found = session.areas.page(agency, after, limit + 1)
        session.audit.record(actor, "area.list", [], count=min(len(found), limit))
    next_cursor = found[limit - 1].id if len(found) > limit else None
    return found[:limit], next_cursor


def map_areas(store: Store, actor: Actor, day: date | None = None) -> dict[str, Any]:
    """The areas the actor may read, not withdrawn, as they were on ``day`` (each area's
    newest-recorded version covering it, as a shipment of that day is judged; areas with no
    version that day are left out), or their current versions when no day is given; with
    the span of days the versions cover (for a date slider). Audited as ``area.map``."""
    require(actor, Permission.READ_RECORDS)
    with store.begin() as session:
        readable = [a for a in session.areas.in_force() if can_read_area(actor, a)]
        starts = [v.valid_from for a in readable for v in a.versions]
        ends = [v.valid_until for a in readable for v in a.versions]
        shown = []
        for area in readable:
            applied = (
                area.current
                if day is None
                else next((v for v in area.versions if v.covers(day)), None)
            )
            if applied is not None:
                shown.append(
                    {
                        "id": area.id,
                        "agency": area.agency,
                        "sharing": area.sharing.value,
                        **applied.to_dict(geometry=True),
                    }
                )
        session.audit.record(
            actor,
            "area.map",
            [f"area:{a['id']}" for a in shown],
            day=day.isoformat() if day else None,
            count=len(shown),
        )
    first = min((d for d in starts if d), default=None)
    last = max((d for d in ends if d), default=None)
    return {
        "on": day.isoformat() if day else None,
        "span": {
            "from": first.isoformat() if first else None,
            "until": last.isoformat() if last else None,
            "open_start": any(d is None for d in starts),
            "open_end": any(d is None for d in ends),
        },
        "areas": shown,
    }


def parse_feature_collection(data: Any) -> list[AreaInput]:
    """The areas of a GeoJSON FeatureCollection; every problem is raised at once, named by
    its path (``features.3.properties.valid_from``), before anything is stored."""
    errors = ErrorCollector()
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InvalidInput.field("type", "the file must be a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise InvalidInput.field("features", "give at least one feature")
    if len(features) > MAX_FEATURES:
        raise InvalidInput.field("features", f"at most {MAX_FEATURES} features per import")
    out: list[AreaInput] = []
    for i, feature in enumerate(features):
        path = f"features.{i}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.add(f"{path}.type", "must be a GeoJSON Feature")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            errors.add(f"{path}.properties", "must be an object")
            continue
        area_id = props.get("area_id")
        if area_id is not None and (
            isinstance(area_id, bool) or not isinstance(area_id, int) or not 0 < area_id < 2**62
        ):
            errors.add(f"{path}.properties.area_id", "must be the id of an area")
            area_id = None
        shared = props.get("shared_with")
        if shared is not None and (
            not isinstance(shared, list) or not all(isinstance(x, str) for x in shared)
        ):
            errors.add(f"{path}.properties.shared_with", "must be a list of agency codes")
            shared = None
        texts = {k: props.get(k) for k in ("name", "legal_basis", "sharing")}
        for key, value in texts.items():
            if value is not None and not isinstance(value, str):
                errors.add(f"{path}.properties.{key}", "must be text")
                texts[key] = None
        out.append(
            AreaInput(
                name=texts["name"],
                geometry=feature.get("geometry"),
                legal_basis=texts["legal_basis"],
                valid_from=_text(props.get("valid_from")),
                valid_until=_text(props.get("valid_until")),
                sharing=texts["sharing"],
                shared_with=shared,
                area_id=area_id,
            )
        )
    errors.raise_if_any("invalid GeoJSON")
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _prefix(i: int, name: str) -> str:
    return f"features.{i}.geometry" if name == "geometry" else f"features.{i}.properties.{name}"


def import_areas(
    store: Store, actor: Actor, items: Sequence[AreaInput], now: datetime | None = None
) -> list[Area]:
    """Store every area of an import (new areas, or new versions of the actor's agency's
    areas named by ``area_id``) in one transaction: all of them, or — on any problem,
    reported by feature — none."""
    moment = now or datetime.now(UTC)
    _require_agency(actor)
    with store.begin() as session:
        errors = ErrorCollector()
        checked: list[tuple[_Checked, Area | None]] = []
        for i, item in enumerate(items):
            base = None
            if item.area_id is not None:
                base = session.areas.get(item.area_id)
                if base is None or not can_read_area(actor, base):
                    errors.add(f"features.{i}.properties.area_id", f"no area {item.area_id}")
                    continue
                if base.agency != actor.agency:
                    errors.add(
                        f"features.{i}.properties.area_id",
                        f"area {item.area_id} belongs to another agency",
                    )
                    continue
            sub = ErrorCollector()
            found = _check(item, sub, "", base.current if base else None)
            for problem in sub.errors:
                where = problem.field
                head, _, rest = where.partition(".")
                path = _prefix(i, head) + (f".{rest}" if rest else "")
                errors.add(path, problem.message)
            if found is not None:
                sharing = found.sharing or (base.sharing if base else Sharing.OWN)
                shared = found.shared_with or (base.shared_with if base else ())
                _scope(errors, session, f"features.{i}.properties.", sharing, shared)
                checked.append((found, base))
        errors.raise_if_any("invalid GeoJSON")
        ids = []
        for found, base in checked:
            if base is None:
                area_id, _ = _insert(session, actor, found, moment)
            else:
                area_id = base.id
                number = base.current.version + 1
                session.areas.add_version(_stamp(found.version, area_id, number, actor, moment))
            ids.append(area_id)
        session.audit.record(actor, "area.import", [f"area:{i}" for i in ids], count=len(ids))
        stored = [session.areas.get(i) for i in ids]
    return [a for a in stored if a is not None]
