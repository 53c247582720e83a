"""The most-run read-only forms, answered before Typer is imported.

Typer builds a pydantic adapter for every option it parses, so merely parsing `--json` costs
Typer and pydantic, about five times what the interpreter itself takes to start. Our choice,
because scripts and shell prompts run these forms often and the issue-18 targets (docs/
performance.md) ask for at most 4× (`--help`) and 8× a bare interpreter: these exact argument
lists are answered here, with the same output as the Typer commands (tests/cli/test_fast_paths.py
compares them byte for byte): `--help`, `exercises list --json`, `sources --json`, and
`plan --profile F --json` when psoas.cli.plan_cache holds that file's plan. Any other form, or
any option added to these, goes to Typer.
"""

import os
import sys
from collections.abc import Callable

from psoas.cli.command_table import COMMANDS, ROOT_HELP

# Typer's help is this wide whenever the terminal has 80 columns or more (and in a pipe); a
# narrower terminal gets Typer's own wrapping.
HELP_WIDTH = 78
INPUT_ERROR_EXIT = 2


def answer(args: list[str], program: str) -> int | None:
    """The exit status when `args` is a form answered here, else None (Typer parses it)."""
    if args[:1] == ["plan"]:
        return _kept_plan(args[1:])
    handler = _FORMS.get(tuple(args))
    if handler is None:
        return None
    if handler is _help and _terminal_width() != HELP_WIDTH:
        return None
    try:
        sys.stdout.write(handler(program))
    except Exception as error:
        from psoas.catalogue.errors import ContentError

        if not isinstance(error, ContentError):
            raise
        for problem in error.problems:
            sys.stderr.write(f"error: {problem}\n")
        return INPUT_ERROR_EXIT
    return 0


def root_help(program: str) -> str:
    """`psoas --help` as Typer writes it at HELP_WIDTH."""
    names_width = max(map(len, COMMANDS))
    column = names_width + 2
    summary_limit = HELP_WIDTH - 6 - names_width
    rows = [
        f"  {name:<{column}}{short_help(entry.summary, summary_limit)}"
        for name, entry in COMMANDS.items()
    ]
    return "\n".join(
        [
            f"Usage: {program} [OPTIONS] COMMAND [ARGS]...",
            "",
            f"  {ROOT_HELP}",
            "",
            "Options:",
            "  --help  Show this message and exit.",
            "",
            "Commands:",
            *rows,
            "",
        ]
    )


def short_help(text: str, limit: int) -> str:
    """The first sentence if it fits in `limit` characters, else as many words as fit before
    "..." (Click's rule for a command's summary)."""
    words = text.split()
    length = 0
    for index, word in enumerate(words):
        length += len(word) + (index > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: index + 1])
        if length == limit and index != len(words) - 1:
            break
    else:
        return " ".join(words)
    kept = index
    length += len("...")
    while kept > 0:
        length -= len(words[kept]) + 1
        if length <= limit:
            break
        kept -= 1
    return " ".join(words[:kept]) + "..."


def _kept_plan(options: list[str]) -> int | None:
    """`plan --profile F --json` (options in any order, `-p` or `--profile=F` too), printed from
    psoas.cli.plan_cache when it holds this file's plan; None sends it to Typer."""
    profile = None
    rest = list(options)
    for index, option in enumerate(options):
        if option in ("--profile", "-p") and index + 1 < len(options):
            profile = options[index + 1]
            rest = options[:index] + options[index + 2 :]
            break
        if option.startswith("--profile="):
            profile = option.removeprefix("--profile=")
            rest = options[:index] + options[index + 1 :]
            break
    if profile is None or rest != ["--json"]:
        return None
    from pathlib import Path

    from psoas.cli.plan_cache import cached_plan

    output = cached_plan(Path(profile))
    if output is None:
        return None
    sys.stdout.write(output)
    return 0


def _terminal_width() -> int:
    """Click's help width, from shutil.get_terminal_size's rule (without importing shutil)."""
    columns = 0
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, 80) - 2, 50)


def _help(program: str) -> str:
    return root_help(program)


def _exercises(_program: str) -> str:
    from psoas.cli.library_json import exercises_json

    return exercises_json()


def _sources(_program: str) -> str:
    from psoas.cli.library_json import sources_json

    return sources_json()


_FORMS: dict[tuple[str, ...], Callable[[str], str]] = {
    ("--help",): _help,
    ("exercises", "list", "--json"): _exercises,
    ("sources", "--json"): _sources,
}


def program_name() -> str:
    """What the usage line calls the program, as Click works it out: `python -m psoas` when run
    as a module, else the script's file name."""
    # os.path rather than pathlib: `psoas --help` loads no pathlib.
    main = sys.modules.get("__main__")
    package = getattr(main, "__package__", None)
    if main is None or getattr(main, "__file__", None) is None or not package:
        return os.path.basename(sys.argv[0])  # noqa: PTH119
    module = package
    file_name = os.path.splitext(os.path.basename(str(main.__file__)))[0]  # noqa: PTH119, PTH122
    if file_name != "__main__":
        module = f"{module}.{file_name}"
    return f"python -m {module.lstrip('.')}"
