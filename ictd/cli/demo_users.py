"""The demo's users and their secrets, for the newcomer who just ran `make run`.

``ictd demo`` writes them to ``demo-credentials.txt`` (mode 0600, git-ignored) when it creates
them: a comment header naming the database, then one tab-separated line per user (e-mail,
password, API key). They are printed in a box as the last thing ``ictd demo`` says (also
with ``--if-empty`` on a demo that exists, so every ``make run`` ends with it just before the
server's own lines), and again by ``ictd demo --show-users``. These are throw-away secrets of
a demo database; nothing else in ICTD keeps a password or a key in clear.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ictd.exc import InvalidInput

__all__ = ["CREDENTIALS_FILE", "Credential", "DemoUsers", "read_users", "render_box", "write_users"]

CREDENTIALS_FILE = Path("demo-credentials.txt")
_DATABASE = "# database: "
_COLUMNS = "email\tpassword\tapi_key"


@dataclass(frozen=True, slots=True)
class Credential:
    """One demo user: the console password and an API key."""

    email: str
    password: str
    token: str


@dataclass(frozen=True, slots=True)
class DemoUsers:
    """The demo users of one database (``Store.location``)."""

    database: str
    users: tuple[Credential, ...]


def write_users(path: Path, demo: DemoUsers) -> None:
    """Write ``demo`` to ``path``, readable by its owner only (0600), replacing the file."""
    lines = [
        "# ICTD demo users: passwords for the web console, API keys for the API.",
        "# Throw-away secrets of a demo database; `ictd demo --show-users` prints them.",
        f"{_DATABASE}{demo.database}",
        _COLUMNS,
        *(f"{u.email}\t{u.password}\t{u.token}" for u in demo.users),
    ]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older file keeps its mode through O_TRUNC
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def read_users(path: Path) -> DemoUsers | None:
    """The demo users written to ``path``, or ``None`` when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    database, users = "", []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(_DATABASE):
            database = line.removeprefix(_DATABASE)
        elif line and not line.startswith("#") and line != _COLUMNS:
            fields = line.split("\t")
            if len(fields) != 3:
                raise InvalidInput.field(str(path), f"line {number} is not e-mail, password, key")
            users.append(Credential(*fields))
    return DemoUsers(database, tuple(users))


def render_box(demo: DemoUsers, path: Path, console: str, columns: int = 200) -> str:
    """The users in a box, grouped by agency, with where to sign in: one line per user, or,
    when that is wider than ``columns`` (the terminal), the key on a line of its own."""
    email = max(len(u.email) for u in demo.users) + 2
    secret = max(len(u.password) for u in demo.users) + 2
    key = max(len(u.token) for u in demo.users)
    wide = email + secret + key + 4 <= columns
    rows = [
        f"Demo users: sign in to the web console at {console}",
        "with a password; use an API key as `Authorization: Bearer <key>`.",
        "",
        f"{'user':{email}}{'password':{secret}}{'API key' if wide else ''}".rstrip(),
    ]
    agency = ""
    for user in demo.users:
        domain = user.email.partition("@")[2].removesuffix(".demo").upper()
        if domain != agency:
            agency = domain
            rows.append(f"-- {agency} --")
        if wide:
            rows.append(f"{user.email:{email}}{user.password:{secret}}{user.token}")
        else:
            rows += [f"{user.email:{email}}{user.password}", f"  key {user.token}"]
    rows += [
        "",
        f"Saved in {path} (readable by you only);",
        "print them again: ictd demo --show-users",
    ]
    inner = max(len(r) for r in rows)
    edge = "+" + "-" * (inner + 2) + "+"
    return "\n".join([edge, *(f"| {r:{inner}} |" for r in rows), edge])
