"""The `ictd` command line through Typer's CliRunner, against the ``store`` of each backend.

Every command gets ``--database-url`` explicitly; errors must be one clean message on
stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import gc
import json
import warnings
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, text
from typer.testing import CliRunner

from ictd.api import create_app
from ictd.cli import app
from ictd.exc import Unauthenticated
from ictd.registry import accounts
from ictd.registry.sign_in import authenticate_password
from ictd.security.audit import AuditEvent, seal_event
from ictd.settings import Settings
from ictd.store import Store
from ictd.store.tables import audit_events
from tests.world import World

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Run:
    """What a command left behind: its exit code and its two output streams."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def ictd(url: str, *args: str, input: str | None = None) -> Run:
    """Run ``ictd --database-url URL ARGS``; unexpected exceptions fail the test.

    The CLI never disposes of the store it opens (see ``test_cli_closes_its_database``), so
    the finished command's connections are collected here, with their ResourceWarning
    silenced, instead of at a random later point of the suite.
    """
    result = CliRunner().invoke(
        app, ["--database-url", url, *args], input=input, catch_exceptions=False
    )
    run = Run(result.exit_code, result.stdout, result.stderr)
    del result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return run


def ok(result: Run) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def refused(result: Run, *words: str) -> str:
    """A clean failure: exit 1, an ``error:`` line on stderr naming ``words``, no traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("error:") or "BROKEN" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    return result.stderr


def as_json(result: Run) -> dict[str, Any]:
    return dict(json.loads(ok(result)))


def audit_head(store: Store) -> int:
    with store.begin() as session:
        return session.audit.head()[0]


# --- init -----------------------------------------------------------------------------------


def test_init_is_idempotent(store: Store) -> None:
    out = ok(ictd(store.url, "init"))
    assert out == f"database ready ({store.dialect})\n"
    ok(ictd(store.url, "init"))
    assert store.is_ready()


def test_init_creates_a_fresh_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    refused(ictd(url, "agency", "list"), "ictd init")
    assert ok(ictd(url, "init")) == "database ready (sqlite)\n"
    fresh = Store(url)
    try:
        assert fresh.is_ready()
    finally:
        fresh.dispose()
    assert ok(ictd(url, "agency", "list")) == ""


# --- agencies, users, keys ------------------------------------------------------------------


def test_agency_add(store: Store) -> None:
    out = ok(ictd(store.url, "agency", "add", "fr-dgsi", "--name", "DGSI", "--contact", "24/7"))
    assert out == "agency FR-DGSI created\n"
    with store.begin() as session:
        agency = session.accounts.get_agency("FR-DGSI")
    assert agency is not None
    assert agency.name == "DGSI"
    assert agency.contact == "24/7"
    assert agency.is_operator is False
    ok(ictd(store.url, "agency", "add", "OPS", "--name", "Operator", "--operator"))
    listed = ok(ictd(store.url, "agency", "list"))
    assert listed.splitlines() == ["FR-DGSI\tDGSI", "OPS\tOperator (operator)"]


def test_agency_add_refuses_a_duplicate(store: Store) -> None:
    ok(ictd(store.url, "agency", "add", "AAA", "--name", "First"))
    seq = audit_head(store)
    refused(ictd(store.url, "agency", "add", "aaa", "--name", "Second"), "AAA already exists")
    with store.begin() as session:
        assert [a.name for a in session.accounts.list_agencies()] == ["First"]
    assert audit_head(store) == seq


@pytest.mark.parametrize("code", ["1X", "a b", "X", "ÉTAT"])
def test_agency_add_refuses_a_bad_code(store: Store, code: str) -> None:
    seq = audit_head(store)
    message = refused(ictd(store.url, "agency", "add", code, "--name", "Bad"), "code")
    assert "  code: " in message
    with store.begin() as session:
        assert session.accounts.list_agencies() == []
    assert audit_head(store) == seq


def test_agency_add_needs_a_name(store: Store) -> None:
    result = ictd(store.url, "agency", "add", "AAA")
    assert result.exit_code == 2
    assert "--name" in result.stderr
    assert "Traceback" not in result.output


def test_user_add_with_password_from_stdin(world: World) -> None:
    store = world.store
    out = ok(
        ictd(
            store.url,
            "user",
            "add",
            "Second.Analyst@AAA.example",
            "--agency",
            "AAA",
            "--role",
            "analyst",
            "--role",
            "screener",
            "--name",
            "Second Analyst",
            "--password-stdin",
            input=PASSWORD + "\n",
        )
    )
    assert out.startswith("user ")
    assert out.endswith(" second.analyst@aaa.example created\n")
    assert PASSWORD not in out
    actor = authenticate_password(store, "second.analyst@aaa.example", PASSWORD, "192.0.2.1")
    assert actor.agency == "AAA"
    assert {r.value for r in actor.roles} == {"analyst", "screener"}
    assert str(actor.user_id) == out.split()[1]
    with store.begin() as session:
        logged = [e for e in session.audit.events() if e.action == "user.create"]
    assert PASSWORD not in repr([e.to_dict() for e in logged])


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["--role", "analyst", "--password-stdin"], "short\n", ["password"]),
        (["--role", "analyst", "--password-stdin"], "", ["password"]),
        (["--role", "wizard"], None, ["roles.0"]),
        (["--role", "analyst", "--role", "wizard"], None, ["roles.1"]),
    ],
)
def test_user_add_refuses_bad_input(
    world: World, args: list[str], stdin: str | None, words: list[str]
) -> None:
    store = world.store
    with store.begin() as session:
        before = [u.to_dict() for u in session.accounts.list_users()]
    result = ictd(
        store.url, "user", "add", "new@aaa.example", "--agency", "AAA", *args, input=stdin
    )
    refused(result, *words)
    with store.begin() as session:
        assert [u.to_dict() for u in session.accounts.list_users()] == before


def test_user_add_refuses_a_duplicate_email(world: World) -> None:
    result = ictd(
        world.store.url,
        "user",
        "add",
        "ANALYST@aaa.example",
        "--agency",
        "AAA",
        "--role",
        "analyst",
    )
    refused(result, "already exists")


def test_operator_sets_roles_and_keeps_an_admin(world: World) -> None:
    store = world.store
    seq = _audit_head(store)
    out = ok(
        ictd(store.url, "user", "roles", "analyst@aaa.example", "--set", "analyst,agency-admin")
    )
    user_id = world.actor("AAA", "analyst").user_id
    assert out == f"user {user_id} analyst@aaa.example: agency-admin, analyst\n"
    # two admins now: the first may lose the role, the second (the last) may not
    ok(ictd(store.url, "user", "roles", "agency-admin@aaa.example", "--set", "auditor"))
    refused(
        ictd(store.url, "user", "roles", "analyst@aaa.example", "--set", "analyst"),
        "last active admin of AAA",
    )
    refused(ictd(store.url, "user", "disable", "analyst@aaa.example"), "last active admin")
    refused(ictd(store.url, "user", "roles", "analyst@aaa.example", "--set", "wizard"), "roles.0")
    refused(ictd(store.url, "user", "roles", "nobody@aaa.example", "--set", "analyst"), "email")
    with store.read() as session:
        events = [e for e in session.audit.events() if e.seq > seq]
    assert [(e.action, e.agency) for e in events] == [("user.update", None)] * 2
    assert events[0].detail["roles"] == ["agency-admin", "analyst"]


def test_operator_disables_and_enables_a_user(world: World) -> None:
    store = world.store
    out = ok(ictd(store.url, "user", "disable", "screener@aaa.example"))
    assert out.endswith("screener@aaa.example: screener (disabled)\n")
    with pytest.raises(Unauthenticated):
        accounts.authenticate_token(store, world.tokens["AAA:screener"])
    out = ok(ictd(store.url, "user", "enable", "Screener@AAA.example"))
    assert out.endswith("screener@aaa.example: screener\n")
    assert accounts.authenticate_token(store, world.tokens["AAA:screener"]).agency == "AAA"


def _audit_head(store: Store) -> int:
    with store.read() as session:
        return session.audit.head()[0]


def test_key_create_prints_only_a_working_token(world: World) -> None:
    store = world.store
    result = ictd(store.url, "key", "create", "Analyst@AAA.example", "--expires-days", "30")
    out = ok(result)
    token = out.strip()
    assert out == token + "\n"
    assert token.startswith("ictd_")
    assert " " not in token
    actor = accounts.authenticate_token(store, token)
    assert actor.user_id == world.actor("AAA", "analyst").user_id
    assert actor.agency == "AAA"
    with store.begin() as session:
        key = session.accounts.get_key(actor.key_id or 0)
    assert key is not None
    assert key.expires_at is not None
    assert token.split("_", 2)[2] not in key.secret_hash
    api = create_app(Settings(database_url=store.url, environment="test"), store)
    with TestClient(api) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["agency"] == "AAA"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nobody@aaa.example"], ["email"]),
        (["analyst@aaa.example", "--expires-days", "0"], ["expires_days"]),
        (["analyst@aaa.example", "--expires-days", "366"], ["expires_days", "365"]),
    ],
)
def test_key_create_refuses_bad_input(world: World, args: list[str], words: list[str]) -> None:
    result = ictd(world.store.url, "key", "create", *args)
    refused(result, *words)
    assert result.stdout == ""


def test_key_create_without_expires_days_uses_the_default(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = world.store
    monkeypatch.setenv("ICTD_KEY_DEFAULT_DAYS", "7")
    token = ok(ictd(store.url, "key", "create", "analyst@aaa.example")).strip()
    key_id = accounts.authenticate_token(store, token).key_id
    with store.read() as session:
        key = session.accounts.get_key(key_id or 0)
    assert key is not None and key.created_at is not None and key.expires_at is not None
    assert key.expires_at - key.created_at == timedelta(days=7)


def test_key_revoke(world: World) -> None:
    store = world.store
    token = ok(ictd(store.url, "key", "create", "analyst@aaa.example")).strip()
    key_id = accounts.authenticate_token(store, token).key_id
    assert key_id is not None
    assert ok(ictd(store.url, "key", "revoke", str(key_id))) == f"key {key_id} revoked\n"
    with pytest.raises(Unauthenticated):
        accounts.authenticate_token(store, token)
    accounts.authenticate_token(store, world.tokens["AAA:analyst"])
    refused(ictd(store.url, "key", "revoke", "424242"), "does not exist")


# --- records --------------------------------------------------------------------------------


def add_person(store: Store, as_user: str, name: str, *more: str) -> dict[str, Any]:
    return as_json(
        ictd(
            store.url,
            "subject",
            "add",
            "--as",
            as_user,
            "--schema",
            "Person",
            "--name",
            name,
            *more,
        )
    )


def test_subject_add_show_and_search(world: World) -> None:
    store = world.store
    created = add_person(
        store,
        "analyst@aaa.example",
        "Abu Bakr al-Baghdadi",
        "--name",
        "Ibrahim Awad Ibrahim al-Badri",
        "--prop",
        "birthDate=1971-07-28",
        "--prop",
        "passportNumber@IQ=A1234567",
        "--prop",
        "originalScriptName:ara=أبو بكر البغدادي",
        "--purpose",
        "case 2026/114",
    )
    assert created["agency"] == "AAA"
    assert created["caption"] == "Abu Bakr al-Baghdadi"
    props = created["properties"]
    assert props["name"] == ["Abu Bakr al-Baghdadi", "Ibrahim Awad Ibrahim al-Badri"]
    assert props["birthDate"] == ["1971-07-28"]
    assert props["originalScriptName"] == ["أبو بكر البغدادي"]
    passport = next(s for s in created["statements"] if s["prop"] == "passportNumber")
    assert (passport["value"], passport["qualifier"]) == ("A1234567", "IQ")
    with store.begin() as session:
        made = [e for e in session.audit.events() if e.action == "subject.create"]
    assert made[-1].purpose == "case 2026/114"
    assert made[-1].agency == "AAA"

    shown = as_json(
        ictd(store.url, "subject", "show", str(created["id"]), "--as", "screener@aaa.example")
    )
    assert shown["id"] == created["id"]
    assert shown["properties"] == props
    assert shown["listings"] == []

    found = ok(ictd(store.url, "subject", "search", "BAGHDADI", "--as", "analyst@aaa.example"))
    assert found == f"{created['id']}\tPerson\tAbu Bakr al-Baghdadi\n"
    assert ok(ictd(store.url, "subject", "search", "BAGHDADI", "--as", "analyst@bbb.example")) == ""
    refused(
        ictd(store.url, "subject", "show", str(created["id"]), "--as", "analyst@bbb.example"),
        "does not exist",
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as", "nobody@aaa.example"], ["--as"]),
        (["--as", "screener@aaa.example"], ["only the owning agency", "write-records"]),
        (["--as", "analyst@aaa.example", "--prop", "birthDate"], ["--prop.0"]),
        (["--as", "analyst@aaa.example", "--prop", "birthDate=soon"], ["statements.1.value"]),
        (["--as", "analyst@aaa.example", "--schema", "Alien"], ["schema"]),
    ],
)
def test_subject_add_refuses_cleanly(world: World, args: list[str], words: list[str]) -> None:
    store = world.store
    seq = audit_head(store)
    if "--schema" not in args:
        args = [*args, "--schema", "Person"]
    result = ictd(store.url, "subject", "add", "--name", "Some Person", *args)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.output
    assert any(word in result.stderr for word in words), result.stderr
    with store.begin() as session:
        assert session.subjects.list_ids(None) == []
    assert audit_head(store) == seq


def test_listing_add_shares_a_subject(world: World) -> None:
    store = world.store
    subject = add_person(store, "analyst@aaa.example", "Abu Bakr al-Baghdadi")
    refused(
        ictd(store.url, "subject", "show", str(subject["id"]), "--as", "analyst@bbb.example"),
        "does not exist",
    )
    listing = as_json(
        ictd(
            store.url,
            "listing",
            "add",
            str(subject["id"]),
            "--as",
            "analyst@aaa.example",
            "--category",
            "terrorist",
            "--action",
            "arrest",
            "--action",
            "freeze-assets",
            "--sharing",
            "named",
            "--shared-with",
            "BBB",
            "--review-date",
            "2027-06-30",
        )
    )
    assert listing["subject_id"] == subject["id"]
    assert listing["agency"] == "AAA"
    assert listing["actions"] == ["arrest", "freeze-assets"]
    assert listing["sharing"] == "named"
    assert listing["shared_with"] == ["BBB"]
    assert listing["status"] == "draft"
    assert listing["review_date"] == "2027-06-30"
    # shared beyond AAA: published through the operator's compliance review
    lid = str(listing["id"])
    submitted = as_json(ictd(store.url, "listing", "submit", lid, "--as", "analyst@aaa.example"))
    rid = str(submitted["review"]["id"])
    reviewer = ["--as", "compliance-reviewer@ops.example", "--neutrality", "No political matter."]
    assert (
        as_json(ictd(store.url, "compliance", "approve", rid, *reviewer))["listing"]["status"]
        == "active"
    )
    shown = as_json(
        ictd(store.url, "subject", "show", str(subject["id"]), "--as", "analyst@bbb.example")
    )
    assert [x["id"] for x in shown["listings"]] == [listing["id"]]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--category", "bogus", "--action", "arrest"], ["category"]),
        (["--category", "terrorist", "--action", "nuke"], ["actions.0"]),
        (["--category", "terrorist", "--action", "arrest", "--sharing", "named"], ["shared_with"]),
        (
            ["--category", "terrorist", "--action", "arrest", "--status", "withdrawn"],
            ["status"],
        ),
    ],
)
def test_listing_add_refuses_bad_input(world: World, args: list[str], words: list[str]) -> None:
    store = world.store
    subject = add_person(store, "analyst@aaa.example", "Abu Bakr al-Baghdadi")
    result = ictd(
        store.url, "listing", "add", str(subject["id"]), "--as", "analyst@aaa.example", *args
    )
    refused(result, *words)
    with store.begin() as session:
        assert session.listings.of_subjects([subject["id"]]) == []


def test_relation_add(world: World) -> None:
    store = world.store
    person = add_person(store, "analyst@aaa.example", "Abu Bakr al-Baghdadi")
    org = as_json(
        ictd(
            store.url,
            "subject",
            "add",
            "--as",
            "analyst@aaa.example",
            "--schema",
            "Organization",
            "--name",
            "Islamic State",
        )
    )
    relation = as_json(
        ictd(
            store.url,
            "relation",
            "add",
            str(person["id"]),
            "leader-of",
            str(org["id"]),
            "--as",
            "analyst@aaa.example",
            "--start-date",
            "2010",
        )
    )
    assert relation["source_id"] == person["id"]
    assert relation["target_id"] == org["id"]
    assert relation["type"] == "leader-of"
    assert relation["stated_by"] == "AAA"
    assert relation["start_date"] == "2010"
    shown = as_json(
        ictd(store.url, "subject", "show", str(org["id"]), "--as", "analyst@aaa.example")
    )
    assert [r["id"] for r in shown["relations"]] == [relation["id"]]
    refused(
        ictd(
            store.url,
            "relation",
            "add",
            str(person["id"]),
            "friend-of",
            str(org["id"]),
            "--as",
            "analyst@aaa.example",
        ),
        "type",
    )
    other = add_person(store, "analyst@aaa.example", "Abu Muhammad al-Julani")
    refused(
        ictd(
            store.url,
            "relation",
            "add",
            str(person["id"]),
            "member-of",
            str(other["id"]),
            "--as",
            "analyst@aaa.example",
        ),
        "type: member-of runs from",
        "its target is a Person",
    )
    refused(
        ictd(
            store.url,
            "relation",
            "add",
            str(person["id"]),
            "associate",
            str(org["id"]),
            "--as",
            "analyst@bbb.example",
        ),
        "does not exist",
    )


# --- audit verify ---------------------------------------------------------------------------


def test_audit_verify_passes_on_an_intact_trail(world: World) -> None:
    head = audit_head(world.store)
    out = ok(ictd(world.store.url, "audit", "verify"))
    assert out == f"audit trail intact: {head} events, head {head}\n"
    # verifying is itself audited, and the trail stays intact
    assert audit_head(world.store) == head + 1
    ok(ictd(world.store.url, "audit", "verify"))


def test_audit_verify_names_an_altered_event(world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET action = 'x' WHERE seq = 2"))
    message = refused(ictd(world.store.url, "audit", "verify"), "event 2:", "altered")
    assert "BROKEN" in message


def test_audit_verify_names_an_altered_detail(world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET detail = '{\"roles\": []}' WHERE seq = 2"))
    refused(ictd(world.store.url, "audit", "verify"), "event 2:", "altered")


def test_audit_verify_names_a_deleted_event(world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    refused(ictd(world.store.url, "audit", "verify"), "event 2:", "missing")


def test_audit_verify_names_a_removed_tail(world: World) -> None:
    head = audit_head(world.store)
    with world.store.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM audit_events WHERE seq = {head}"))
    refused(ictd(world.store.url, "audit", "verify"), f"event {head}:")


def _insert_event(store: Store, event: AuditEvent) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(audit_events).values(event.to_row()))


def _forged(store: Store, sealed: bool) -> tuple[int, AuditEvent]:
    """An event appended after the chain head: well sealed onto the chain, or junk."""
    with store.begin() as session:
        head_seq, head_hash = session.audit.head()
    event = AuditEvent(actor="forger", action="subject.view", ts="2026-01-01T00:00:00+00:00")
    if sealed:
        return head_seq, seal_event(event, head_seq + 1, head_hash)
    return head_seq, replace(event, seq=head_seq + 1, prev_hash="f" * 64, hash="e" * 64)


@pytest.mark.parametrize("sealed", [False, True], ids=["junk", "sealed"])
def test_audit_verify_names_an_inserted_event(world: World, sealed: bool) -> None:
    head, forged = _forged(world.store, sealed)
    _insert_event(world.store, forged)
    refused(ictd(world.store.url, "audit", "verify"), "BROKEN", f"event {head + 1}:")


def test_cli_closes_its_database(store: Store) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite connections do not warn when collected on Python 3.11")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        result = CliRunner().invoke(app, ["--database-url", store.url, "agency", "list"])
        assert result.exit_code == 0
        del result
        gc.collect()
    leaked = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaked == []


def test_demo_loads_a_working_database_with_proposals_to_review(
    store: Store, tmp_path: Path
) -> None:
    # 300 subjects: at 150 (seed 3) the only proposal was two different Chinese companies
    # paired on the legal form "you xian gong si", which the matcher no longer proposes
    saved = tmp_path / "demo-credentials.txt"
    out = ok(ictd(store.url, "demo", "--size", "300", "--seed", "3", "--credentials", str(saved)))
    assert "UN SC list: 1003 subjects imported" in out
    assert "synthetic: 300 subjects" in out
    proposals = int(out.split("resolution: ")[1].split()[0])
    assert proposals > 0
    reviewed = int(out.split("compliance: ")[1].split()[0])  # shared listings ship reviewed
    assert reviewed > 0
    with store.read() as session:
        assert len(session.accounts.list_agencies()) == 5
        assert len(session.resolution.proposals_page(0, 10_000)) == proposals
        assert session.compliance.unreviewed(0, 10) == []
    # the users come last, in a box, and are saved for the owner's eyes only
    box = out[out.index("+--") :]
    assert box.rstrip().splitlines()[-1].startswith("+--")
    assert "| screener@ctu-north.demo " in box and "demo-screener-ctu-north" in box
    assert saved.stat().st_mode & 0o777 == 0o600
    # the printed credentials work: a screener's key screens over the API
    token = next(word for word in box.split() if word.startswith("ictd_"))
    assert token in saved.read_text(encoding="utf-8")
    settings = Settings(
        database_url=store.url,
        environment="test",
        dispatcher_enabled=False,
        xref_follow_seconds=0,
        jobs_interval_seconds=0,
    )
    with TestClient(create_app(settings, store)) as client:
        answer = client.post(
            "/api/v1/screen",
            json={"queries": [{"id": "q", "names": ["Ayman al-Zawahiri"]}]},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert answer.status_code == 200
    assert answer.json()["results"][0]["hit"] is True
    # every later `make run` (`ictd demo --if-empty`) ends with the same box, as does --show-users
    again = ok(ictd(store.url, "demo", "--if-empty", "--credentials", str(saved)))
    assert again.startswith("demo: the database already holds the demo\n")
    assert again.endswith(box)
    assert ok(ictd(store.url, "demo", "--show-users", "--credentials", str(saved))) == box
    refused(ictd(store.url, "demo", "--credentials", str(saved)), "not empty")


def test_demo_users_of_a_demo_without_its_credentials_file(store: Store, tmp_path: Path) -> None:
    missing = tmp_path / "none.txt"
    refused(
        ictd(store.url, "demo", "--show-users", "--credentials", str(missing)),
        "no demo users in",
        str(missing),
    )
    ok(ictd(store.url, "agency", "add", "OPS", "--name", "Operator", "--operator"))
    out = ok(ictd(store.url, "demo", "--if-empty", "--credentials", str(missing)))
    assert out == "demo: the database already has agencies; nothing to do\n"
    assert not missing.exists()
