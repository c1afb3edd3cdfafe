"""The package metadata in pyproject.toml: what `pip install -e .` reads."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _pyproject() -> dict[str, object]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def test_the_license_is_an_spdx_expression() -> None:
    """A TOML table (``{ text = … }``) makes setuptools ≥ 77 warn at every build step."""
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "Apache-2.0"
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))


def test_the_build_needs_a_setuptools_that_reads_spdx_licenses() -> None:
    build = _pyproject()["build-system"]
    assert isinstance(build, dict)
    (setuptools,) = [r for r in build["requires"] if r.startswith("setuptools")]
    found = re.fullmatch(r"setuptools>=(\d+)(\.\d+)*", setuptools)
    assert found and int(found.group(1)) >= 77, setuptools
