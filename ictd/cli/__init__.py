"""The `ictd` command line (Typer): thin commands that call the same services as the API.

May import every layer below it; Typer lives only here.
"""

from ictd.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
