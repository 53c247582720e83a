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
        try:
            return command(*args, **kwargs)
        except Exception as error:
            if isinstance(error, _project_errors()):
                raise fail(list(getattr(error, "problems", ()))) from None
            # Only input gets these (a file nested thousands deep, a number or a date past what
            # Python holds, a value a record refuses): the readers refuse what they know of; this
            # turns whatever gets past them into one line rather than a traceback.
            if not _from_input(error):
                raise
            raise fail([f"the input cannot be read: {_why(error)}"]) from None

    return wrapper


# Each carries `problems`, one sentence each. Named by module: importing psoas.storage to test
# for its error would load SQLAlchemy into commands that never open a database.
_PROJECT_ERRORS = (
    ("psoas.services.errors", "InputError"),
    ("psoas.catalogue.errors", "ContentError"),
    ("psoas.storage.errors", "StorageError"),
)


def _project_errors() -> tuple[type[Exception], ...]:
    """The project's error types whose modules are loaded: an error can only be an instance of a
    class that exists, so the ones not loaded need not be checked (nor imported)."""
    return tuple(
        getattr(module, name)
        for module_name, name in _PROJECT_ERRORS
        if (module := sys.modules.get(module_name)) is not None
    )


def _from_input(error: Exception) -> bool:
    if isinstance(error, RecursionError | MemoryError | OverflowError):
        return True
    if "pydantic" not in sys.modules:  # then it cannot be pydantic's ValidationError
        return False
    from pydantic import ValidationError

    return isinstance(error, ValidationError)


def _why(error: Exception) -> str:
    from pydantic import ValidationError

    from psoas.domain.problems import problems_from

    if isinstance(error, ValidationError):
        return "; ".join(map(str, problems_from(error)))
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, MemoryError):
        return "it is too large"
    return f"a value is out of range ({error})"
