"""Each package reaches the store only through the repositories it declares.

A service package declares ``STORE_WRITES`` (the repositories of its own capability) and
``STORE_READS`` (those of other capabilities, of which it may call only the ``READS``
methods); every package may append to ``audit``. The check reads the source: every
``session.<repository>.<method>`` (also ``self.session…``) in the package must fit its
declaration, and an undeclared package may use none.
"""

from __future__ import annotations

import ast
import importlib
from functools import cached_property
from pathlib import Path

import pytest

import ictd
from ictd.store import REPOSITORIES, Session

PACKAGE = Path(ictd.__file__).resolve().parent
PACKAGES = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
ALWAYS = {"audit"}


def _repository_class(name: str) -> type:
    prop = vars(Session)[name]
    assert isinstance(prop, cached_property)
    cls: type = prop.func.__annotations__["return"]
    return (
        getattr(importlib.import_module(prop.func.__module__), cls) if isinstance(cls, str) else cls
    )


def _uses(package: str) -> set[tuple[str, str, str]]:
    """``(repository, method, where)`` for every ``session.<repo>.<method>`` in a package."""
    found = set()
    for path in (PACKAGE / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
                continue
            holder = node.value.value
            is_session = (isinstance(holder, ast.Name) and holder.id == "session") or (
                isinstance(holder, ast.Attribute) and holder.attr == "session"
            )
            if is_session and node.value.attr in REPOSITORIES:
                where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                found.add((node.value.attr, node.attr, where))
    return found


def test_every_repository_is_small_and_says_what_it_reads() -> None:
    for name in REPOSITORIES:
        cls = _repository_class(name)
        public = {m for m, f in vars(cls).items() if callable(f) and not m.startswith("_")}
        assert len(public) <= 25, f"{cls.__name__} has {len(public)} public methods"
        reads: frozenset[str] = cls.READS  # type: ignore[attr-defined]  # Repository subclass
        assert reads <= public, f"{cls.__name__}.READS names missing methods: {reads - public}"


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "store"])
def test_packages_use_only_the_repositories_they_declare(package: str) -> None:
    module = importlib.import_module(f"ictd.{package}")
    writes = set(getattr(module, "STORE_WRITES", ()))
    reads = set(getattr(module, "STORE_READS", ()))
    assert (writes | reads) <= set(REPOSITORIES), "declared a repository that does not exist"
    wrong = []
    used = set()
    for repo, method, where in _uses(package):
        used.add(repo)
        if repo in writes or repo in ALWAYS:
            continue
        if repo in reads and method in _repository_class(repo).READS:  # type: ignore[attr-defined]
            continue
        wrong.append(f"{where}: session.{repo}.{method}")
    assert not wrong, f"ictd.{package} reaches undeclared repositories or writes: {wrong}"
    assert (writes | reads) <= used, f"ictd.{package} declares unused: {(writes | reads) - used}"
