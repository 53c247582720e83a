"""Documents people hand us (profile files, exports): read with a size cap, decoded and checked so
that nothing hostile gets further than one clear problem.

A huge file, ``/dev/zero``, a folder, JSON or YAML nested thousands deep, a 5,000-digit number,
NaN or Infinity, a NUL or a lone surrogate in a string: each becomes an InputError naming the file
(and the field), which the CLI prints as one ``error:`` line (exit 2) and the web as a 422. Without
these checks they end as RecursionError, MemoryError or a database that refuses the row.
"""

import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Final

from pydantic import BaseModel

from psoas.domain.problems import Problem
from psoas.services.errors import InputError

MB: Final = 1024 * 1024
# Far deeper than any profile (3 levels) or export (8 levels) is; shallow enough that no parser
# or validator downstream comes near Python's recursion limit.
MAX_DEPTH: Final = 64
# Values (strings, numbers, lists, mappings) in one document. A 50 MB export holds far fewer; a
# YAML file whose aliases repeat a list inside a list (a "billion laughs") holds far more.
MAX_VALUES: Final = 1_000_000
# What a database integer column holds (PostgreSQL INTEGER is 32-bit).
INT_MIN: Final = -(2**31)
INT_MAX: Final = 2**31 - 1
# No measurement people enter comes near this; beyond it sums and charts could overflow.
FLOAT_LIMIT: Final = 1e9
# Times and days a record can have: after any clock was right, and well before any overflow
# (Python dates end in 9999; a time zone can push a time past it).
EARLIEST: Final = date(1970, 1, 1)
LATEST: Final = date(2199, 12, 31)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """A JSON constant or number no field takes, raised from inside the decoder."""


def read_capped(path: Path, *, source: str, limit_bytes: int) -> str:
    """The UTF-8 text of a file, refused past ``limit_bytes`` without reading further."""
    try:
        with path.open("rb") as handle:
            data = read_stream(handle, limit_bytes, source=f"{source}: {path}")
    except FileNotFoundError:
        raise InputError([f"{source}: file not found: {path}"]) from None
    except IsADirectoryError:
        raise InputError([f"{source}: {path} is a folder; give a file"]) from None
    except OSError as error:
        raise InputError([f"{source}: cannot read {path}: {error.strerror}"]) from None
    return decode_bytes(data, source=f"{source}: {path}")


def read_stream(stream: IO[bytes], limit_bytes: int, *, source: str) -> bytes:
    """At most ``limit_bytes`` from a stream; refused (without reading on) if there is more."""
    data = stream.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise InputError([f"{source}: larger than {_size(limit_bytes)}, the most taken"])
    return data


def decode_bytes(data: bytes, *, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            [
                f"{source}: cannot read it as UTF-8 text "
                f"(byte {data[error.start]:#04x} at {error.start}); give a text file"
            ]
        ) from None


def decode_json(text: str, *, source: str) -> Any:
    """JSON to Python values, with every value checked by :func:`value_problems`."""
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError([f"{source}: not valid JSON at {where}: {error.msg}"]) from None
    except _Refused as error:
        raise InputError([f"{source}: {error}"]) from None
    except RecursionError:
        raise InputError([f"{source}: nested more than {MAX_DEPTH} levels deep"]) from None
    except ValueError as error:  # int(): more digits than Python converts
        raise InputError([f"{source}: {_number_problem(error)}"]) from None
    _raise_problems(raw_problems(data), source)
    return data


def decode_yaml(text: str, *, source: str) -> Any:
    """YAML to Python values (safe tags only), with every value checked as JSON's are."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise InputError([f"{source}: not valid YAML{where}: {problem}"]) from None
    except RecursionError:
        raise InputError([f"{source}: nested more than {MAX_DEPTH} levels deep"]) from None
    except (ValueError, OverflowError) as error:  # a huge integer, a date such as 2024-02-31
        raise InputError([f"{source}: {_number_problem(error)}"]) from None
    _raise_problems(raw_problems(data), source)
    return data


def raw_problems(data: Any) -> list[Problem]:
    """Decoded values no field can take: nesting past MAX_DEPTH, more than MAX_VALUES values,
    strings (keys too) with NUL or a lone surrogate, NaN and infinities."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    seen = 0
    while stack and len(problems) < 10:
        loc, value = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return [Problem("", "...", f"holds more than {MAX_VALUES:,} values, more than taken")]
        if len(loc) > MAX_DEPTH:
            return [Problem(_path(loc), "...", f"nested more than {MAX_DEPTH} levels deep")]
        if isinstance(value, str):
            problems.extend(_string_problems(loc, value))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(_path(loc), value, "must be a finite number"))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if isinstance(key, str):
                    problems.extend(_string_problems((*loc, key), key, "a field name"))
                stack.append(((*loc, str(key)), item))
        elif isinstance(value, list | tuple):
            stack.extend(((*loc, index), item) for index, item in reversed(list(enumerate(value))))
    return problems


def storable_problems(model: BaseModel) -> list[Problem]:
    """Values of a validated model that storage or later arithmetic cannot hold: integers beyond
    a 32-bit column, numbers beyond ±FLOAT_LIMIT (or not finite), days and times outside EARLIEST
    to LATEST, strings (keys too) with NUL or a lone surrogate."""
    problems: list[Problem] = []
    for loc, value in _leaves(model, ()):
        if isinstance(value, bool):
            continue
        if isinstance(value, str):
            problems.extend(_string_problems(loc, value))
        elif isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
            problems.append(Problem(_path(loc), value, f"must be from {INT_MIN:,} to {INT_MAX:,}"))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(_path(loc), value, "must be a finite number"))
        elif isinstance(value, float) and not -FLOAT_LIMIT <= value <= FLOAT_LIMIT:
            problems.append(Problem(_path(loc), value, f"must be within ±{FLOAT_LIMIT:.0e}"))
        elif isinstance(value, date) and not EARLIEST <= _utc_day(value) <= LATEST:
            problems.append(
                Problem(_path(loc), value.isoformat(), f"must be from {EARLIEST} to {LATEST}")
            )
    return problems


def _leaves(value: Any, loc: tuple[int | str, ...]) -> Iterator[tuple[tuple[int | str, ...], Any]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _leaves(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*loc, str(key)), key  # keys are checked as values are
            yield from _leaves(item, (*loc, str(key)))
    elif isinstance(value, list | tuple | frozenset | set):
        for index, item in enumerate(value):
            yield from _leaves(item, (*loc, index))
    else:
        yield loc, value


def _utc_day(value: date) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()
        try:
            return value.astimezone(UTC).date()
        except OverflowError:  # 0001-01-01T00:00+14:00 is before year 1 in UTC
            return date.min if value.year < EARLIEST.year else date.max
    return value


def _string_problems(
    loc: tuple[int | str, ...], text: str, what: str = "text"
) -> Iterator[Problem]:
    if "\x00" in text:
        yield Problem(_path(loc), text, f"{what} must not contain a NUL character")
    if _SURROGATE.search(text):
        yield Problem(_path(loc), text, f"{what} must not contain a lone surrogate (not Unicode)")


def _path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _raise_problems(problems: list[Problem], source: str) -> None:
    if problems:
        raise InputError([f"{source}: {problem}" for problem in problems])


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number any field takes; use a finite number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text[:20]} is too large a number for any field")
    return value


def _number_problem(error: Exception) -> str:
    if "digits" in str(error):
        return "a number has more than 4,300 digits, far more than any field takes"
    return f"a value cannot be read: {error}"


def _size(limit_bytes: int) -> str:
    return f"{limit_bytes // MB} MB" if limit_bytes >= MB else f"{limit_bytes:,} bytes"
