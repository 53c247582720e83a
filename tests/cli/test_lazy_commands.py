"""The command tree registered by name: every entry loads, and what `psoas --help` lists for it
is what the command itself says."""

import pytest
import typer
from typer.testing import CliRunner

from psoas.cli.app import PsoasCommands, app


@pytest.mark.parametrize("name", list(PsoasCommands.table))
def test_each_registered_command_loads_with_the_summary_the_help_lists(name: str) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, PsoasCommands)
    command = group.get_command(typer.Context(group), name)
    assert command is not None
    assert command.name == name
    assert command.get_short_help_str(1000) == PsoasCommands.table[name].summary


def test_help_lists_every_command_in_order(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0]
        for line in result.stdout.split("Commands:")[1].splitlines()
        if line.startswith("  ")
    ]
    assert listed == list(PsoasCommands.table)


def test_a_group_keeps_its_own_help_and_subcommands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["activity", "--help"])
    assert result.exit_code == 0
    assert "Runs imported from GPX, TCX or FIT files." in result.stdout
    assert "import" in result.stdout


def test_a_mistyped_command_is_refused_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plann"])
    assert result.exit_code == 2
    assert "Did you mean 'plan'?" in result.output
