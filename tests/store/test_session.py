"""What a ``Store`` tells people about itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from ictd.store import Store


def test_a_sqlite_store_is_located_by_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative, absolute = Store("sqlite:///ictd.db"), Store(f"sqlite:///{tmp_path}/ictd.db")
    try:
        assert relative.location == absolute.location == str(tmp_path / "ictd.db")
    finally:
        relative.dispose()
        absolute.dispose()


def test_a_postgresql_store_is_located_without_its_password() -> None:
    store = Store("postgresql+psycopg://ictd:s3cret@db.example:5432/ictd")
    try:
        assert store.location == "postgresql+psycopg://ictd:***@db.example:5432/ictd"
    finally:
        store.dispose()
