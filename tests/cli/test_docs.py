"""The generated reference pages match the code: settings and every command's --help."""

from __future__ import annotations

from pathlib import Path

from ictd.cli import app
from ictd.cli.docs import generated_pages

ROOT = Path(__file__).resolve().parents[2]


def test_generated_reference_pages_are_up_to_date() -> None:
    for path, text in generated_pages(app).items():
        on_disk = (ROOT / path).read_text(encoding="utf-8")
        assert on_disk == text, f"{path} is out of date: run `ictd docs`"


def test_every_setting_and_command_is_documented() -> None:
    pages = {p.name: t for p, t in generated_pages(app).items()}
    for name in ("ICTD_DATABASE_URL", "ICTD_XREF_FOLLOW_SECONDS", "ICTD_WEB_IDLE_MINUTES"):
        assert name in pages["settings.md"]
    for command in ("ictd screen", "ictd import un-sc", "ictd audit verify", "ictd eval"):
        assert f"## `{command}`" in pages["cli.md"]


def test_the_architecture_page_names_every_package_and_table() -> None:
    import ictd
    from ictd.store.tables import metadata

    page = next(t for p, t in generated_pages(app).items() if p.name == "architecture.md")
    package = Path(ictd.__file__).parent
    for folder in package.iterdir():
        if (folder / "__init__.py").exists():
            assert f"| `{folder.name}` |" in page, f"{folder.name} is missing"
    for table in metadata.tables:
        assert f"| `{table}` |" in page, f"table {table} is missing"


def test_the_graph_page_lists_the_relation_ends_of_the_model() -> None:
    from ictd.model import RELATION_ENDS, Schema

    def kinds(cell: str) -> frozenset[Schema]:
        text = cell.strip()
        return (
            frozenset(Schema)
            if text == "any subject"
            else frozenset(Schema(k.strip()) for k in text.split(","))
        )

    page = (ROOT / "docs" / "graph.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:4] for line in page.splitlines() if line.startswith("| `")]
    documented = {cells[0].strip().strip("`"): (kinds(cells[1]), kinds(cells[2])) for cells in rows}
    assert documented == {t.value: ends for t, ends in RELATION_ENDS.items()}
