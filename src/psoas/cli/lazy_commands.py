"""A command group that knows its commands by name and imports a command's module only when that
command runs (or its own --help is asked for).

Importing every command module to build the tree cost most of `psoas`'s start-up: pydantic for
`--help`, SQLAlchemy for `plan --json`. So the tree is a table of names, one-line summaries (for
`psoas --help`) and "module:attribute" targets; tests/cli/test_import_budget.py guards the result.
"""

from collections.abc import Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar

from typer.core import TyperCommand, TyperGroup

from psoas.cli.command_table import LazyCommand

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter


class LazyCommands(MutableMapping[str, "Command"]):
    """The group's commands: every name is known at once, a command is built on first use."""

    def __init__(self, table: Mapping[str, LazyCommand], loaded: Mapping[str, "Command"]) -> None:
        self._table = table
        self._loaded: dict[str, Command] = dict(loaded)

    def __getitem__(self, name: str) -> "Command":
        if name not in self._loaded:
            self._loaded[name] = self._table[name].load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: "Command") -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"command {name!r} cannot be removed")

    def __iter__(self) -> Iterator[str]:
        yield from self._table
        yield from (name for name in self._loaded if name not in self._table)

    def __len__(self) -> int:
        return len(self._table) + sum(name not in self._table for name in self._loaded)

    def summary(self, name: str) -> str:
        if name in self._table:
            return self._table[name].summary
        return self._loaded[name].help or ""


class LazyGroup(TyperGroup):
    """Subclass it with `table` set and pass it as `typer.Typer(cls=...)`."""

    table: ClassVar[Mapping[str, LazyCommand]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.table, self.commands)

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        # The base class builds every command to ask for its help; the table already has it.
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        names = list(commands)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = [
            (name, TyperCommand(name, help=commands.summary(name)).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
