"""Turning driver exceptions into one line a person can act on.

Every repository call runs inside ``storage_errors`` so a corrupt file, a server that is down or a
locked database reaches the CLI as a ``StorageError`` naming the database, never as a traceback.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from psoas.storage.errors import StorageError

Model = TypeVar("Model", bound=BaseModel)


def describe(engine: Engine) -> str:
    """The database as a person knows it: the file path, or the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


def stored(engine: Engine, model: type[Model], data: Any, what: str, advice: str = "") -> Model:
    """A stored JSON value read back as its model. One that no longer validates (the content
    retired a value since it was saved) is a StorageError saying `what` (the record and that it
    no longer fits) and the field, not a traceback."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "record"
        raise StorageError(
            f"database: {describe(engine)}: {what} no longer fits ({field}: {first['msg']}){advice}"
        ) from None


@contextmanager
def storage_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        raise StorageError(explain(engine, error)) from None


def explain(engine: Engine, error: DBAPIError) -> str:
    where = describe(engine)
    reason = _first_line(error.orig) if error.orig is not None else _first_line(error)
    if engine.url.get_backend_name() == "sqlite":
        lowered = reason.lower()
        if "not a database" in lowered or "malformed" in lowered:
            return (
                f"database: {where} is not a valid SQLite database ({reason}); "
                "restore it from a backup or move it aside to start afresh"
            )
        if "unable to open" in lowered:
            return f"database: cannot open {where} ({reason}); check the folder is writable"
        if "locked" in lowered or "busy" in lowered:
            return f"database: {where} is busy ({reason}); close other psoas windows and retry"
    elif error.connection_invalidated or _is_connect_failure(reason):
        return (
            f"database: cannot connect to {where} ({reason}); "
            "check the server is running and the database exists, "
            "or choose another with --database-url"
        )
    return f"database: {where}: {reason}"


def _is_connect_failure(reason: str) -> bool:
    lowered = reason.lower()
    return "connection" in lowered and ("failed" in lowered or "refused" in lowered)


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
