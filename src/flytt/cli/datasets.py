"""``flytt datasets``: the built-in datasets."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("datasets")
    def datasets_command() -> None:
        """List built-in datasets with their contents, source and licence."""
        from rich.console import Console
        from rich.table import Table

        from flytt import datasets

        table = Table(title="Built-in datasets", show_lines=True)
        for col in ("name", "contents", "source", "licence"):
            table.add_column(col, overflow="fold")
        for name in datasets.names():
            ds = datasets.load(name)
            label = f"{ds.name}\n[dim]{ds.title}[/]" + ("\n[yellow]synthetic[/]"
                                                        if ds.synthetic else "")
            table.add_row(label, ds.contents(), ds.source, ds.licence)
        Console().print(table)
