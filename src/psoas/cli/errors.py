"""Bad input ends with one clear message per problem on stderr and exit 2, never a traceback."""

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

Params = ParamSpec("Params")
Result = TypeVar("Result")

INPUT_ERROR_EXIT = 2


def fail(problems: tuple[str, ...] | list[str]) -> typer.Exit:
    for problem in problems:
        sys.stderr.write(f"error: {problem}\n")
    return typer.Exit(INPUT_ERROR_EXIT)


def reports_input_errors(command: Callable[Params, Result]) -> Callable[Params, Result]:
    """Turn the project's input and content errors into `fail`, for every command."""

    @functools.wraps(command)
    def wrapper(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        from psoas.catalogue import ContentError
        from psoas.services.errors import InputError
        from psoas.storage import StorageError

        try:
            return command(*args, **kwargs)
        except (InputError, ContentError) as error:
            raise fail(error.problems) from None
        except StorageError as error:
            raise fail(list(error.problems)) from None

    return wrapper
