"""`psoas sources`: what the content rests on."""

import sys
from typing import Annotated

import typer

from psoas.cli.errors import reports_input_errors


@reports_input_errors
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every source cited, and the places where sources disagree."""
    if as_json:
        from psoas.cli.library_json import sources_json

        sys.stdout.write(sources_json())
        return
    from rich.table import Table

    from psoas.catalogue import load_catalogue
    from psoas.cli.render import console

    catalogue = load_catalogue()

    table = Table(title="Sources", title_justify="left", expand=True)
    for column, ratio in (("Id", 2), ("Title", 3), ("Author or publisher", 2), ("Supports", 5)):
        table.add_column(column, ratio=ratio)
    for source in catalogue.sources.values():
        who = ", ".join(filter(None, (source.author, source.publisher)))
        table.add_row(source.id, source.title, who, "\n".join(f"- {s}" for s in source.supports))
    out = console()
    out.print(table)
    for conflict in catalogue.conflicts.values():
        out.print(f"\nSources disagree: {conflict.topic}")
        for position in conflict.positions:
            out.print(f"  {position.stance} [{', '.join(position.sources)}]: {position.summary}")
        out.print(f"  Our default: {conflict.default} {conflict.reason}")
