"""The `psoas` command tree (the entry point, psoas.cli.main, builds it only when needed).

Commands are registered by name, summary and "module:attribute" in psoas.cli.command_table; a
command's module is imported only when that command runs (psoas.cli.lazy_commands). So this
file imports none of them, and tests/cli/test_import_budget.py checks in fresh processes that
each command loads only what it uses.
"""

import typer

from psoas.cli.command_table import COMMANDS, ROOT_HELP
from psoas.cli.lazy_commands import LazyGroup


class PsoasCommands(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    cls=PsoasCommands,
    name="psoas",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback(help=ROOT_HELP)
def psoas() -> None:
    pass
