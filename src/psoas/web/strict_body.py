"""Request bodies read as the OpenAPI document says, before any model sees them.

Python's ``json`` takes more than JSON: ``NaN``, ``Infinity`` and ``1e309`` (read as infinity),
lone surrogates such as ``"\\ud800"`` (which no UTF-8 answer can echo), integers too long to
convert back to text, and nesting deep enough to exhaust the stack. Each of these reached a
model or the error handler and ended as a 500. Here each is a 422 naming the field; NUL
characters are refused the same way, as PostgreSQL cannot store them and SQLite silently did.

Every route is a ``StrictRoute``, whose requests parse JSON and forms through this module.
"""

import json
import math
import re
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData, UploadFile

MAX_DEPTH = 64  # an export nests 6 deep; this is far from the stack's limit
MAX_INTEGER_DIGITS = 30  # a 64-bit integer has 19; json refuses past 4,300 with a ValueError

Location = tuple[str | int, ...]


class BadValue(ValueError):
    """A value JSON or a form cannot carry safely; ``loc`` is where, ``message`` why."""

    def __init__(self, loc: Location, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class _Unreadable:
    """Stands in for a number Python could read but JSON cannot carry, until its place is known."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _no_constant(name: str) -> _Unreadable:
    return _Unreadable(f"{name} is not a JSON number: send a finite number")


# Integral floats up to here are exact, so 7.0 can be read as 7 without changing its value.
EXACT_INTEGER_LIMIT = 2**53


def _finite_float(text: str) -> int | float | _Unreadable:
    """A finite number; one with no fraction (7.0, 1e2) as an integer, as JSON Schema counts it
    (an integer field takes it; a number field takes an integer)."""
    value = float(text)
    if not math.isfinite(value):
        return _Unreadable(f"{text[:20]} is too large for a number")
    if value.is_integer() and abs(value) <= EXACT_INTEGER_LIMIT:
        return int(value)
    return value


def _bounded_int(text: str) -> int | _Unreadable:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _Unreadable(f"an integer of {len(text.lstrip('-'))} digits is too large")
    return int(text)


def loads(text: str | bytes) -> Any:
    """JSON as the standard defines it, with finite numbers, bounded integers and nesting, and
    strings free of NUL and lone surrogates; ``BadValue`` naming the field, or
    ``json.JSONDecodeError``, else."""
    if _depth_exceeds(text, MAX_DEPTH):
        raise BadValue((), f"nested more than {MAX_DEPTH} levels deep")
    data = json.loads(
        text, parse_constant=_no_constant, parse_float=_finite_float, parse_int=_bounded_int
    )
    if not isinstance(text, bytes) or MAY_HOLD_BAD_VALUES.search(text):
        check_values(data)
    return data


# What a body must contain for ``check_values`` to find anything: an escape (\u0000, \ud800),
# a surrogate written as UTF-8 (0xED 0xA0-0xBF; json reads bytes with "surrogatepass"), a
# constant, more digits than an integer may have, or an exponent that can overflow. A raw NUL
# is not JSON. Most bodies have none of these, and skip the walk over every value.
MAY_HOLD_BAD_VALUES = re.compile(rb"\\u|\xed|NaN|Infinity|\d{31}|[eE][+-]?\d{3}")


def _depth_exceeds(text: str | bytes, limit: int) -> bool:
    """Brackets counted outside strings: json would recurse once per level and could overflow
    the stack (RecursionError) before saying anything useful."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False  # even all of them open at once would not be too deep
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def check_values(data: Any, loc: Location = ()) -> None:
    """Refuse NUL and lone surrogates in any key or string, and numbers JSON cannot carry,
    naming where."""
    for where, value in _leaves(data, loc):
        problem = value.problem if isinstance(value, _Unreadable) else text_problem(value)
        if problem:
            raise BadValue(where, problem)


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "must not contain NUL characters (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "must not contain lone surrogates such as \\ud800: send valid Unicode"
    return None


def _leaves(data: Any, loc: Location) -> Iterator[tuple[Location, "str | _Unreadable"]]:
    stack: list[tuple[Location, Any]] = [(loc, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str | _Unreadable):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield (*where, key), key
                stack.append(((*where, key), item))
        elif isinstance(value, list):
            stack.extend(((*where, index), item) for index, item in enumerate(value))


def check_form(form: FormData) -> None:
    """Form fields and upload file names, held to the same rule as JSON strings."""
    for name, value in form.multi_items():
        problem = text_problem(name)
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, UploadFile) and value.filename is not None:
            texts.append(value.filename)
        for text in texts:
            problem = problem or text_problem(text)
        if problem:
            raise BadValue((name,), problem)


def body_error(error: BadValue | json.JSONDecodeError) -> HTTPException:
    """A 422 in the shape of FastAPI's validation errors, naming the field and what is wrong.

    An HTTPException, as FastAPI passes those on from body parsing (anything else is a 400)."""
    detail: dict[str, object]
    if isinstance(error, json.JSONDecodeError):
        at = f"line {error.lineno}, column {error.colno}"
        detail = {"type": "json_invalid", "loc": ["body"], "msg": f"not JSON at {at}: {error.msg}"}
    else:
        detail = {"type": "value_error", "loc": ["body", *error.loc], "msg": error.message}
    return HTTPException(422, detail=[detail])


class StrictRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = loads(body)
            except (BadValue, json.JSONDecodeError) as error:
                raise body_error(error) from None
            except UnicodeDecodeError:
                problem = BadValue((), "not UTF-8 text")
                raise body_error(problem) from None
        return self._json

    async def form(self, *args: Any, **kwargs: Any) -> FormData:  # type: ignore[override]
        form = await super().form(*args, **kwargs)
        try:
            check_form(form)
        except BadValue as error:
            await form.close()
            raise body_error(error) from None
        return form


class StrictRoute(APIRoute):
    """A route whose handler and dependencies see a ``StrictRequest``. A form read by anyone
    (the CSRF check, a page) is closed once the answer is made, its spooled files with it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            strict = StrictRequest(request.scope, request.receive)
            try:
                return await handler(strict)
            finally:
                await strict.close()

        return strict_handler
