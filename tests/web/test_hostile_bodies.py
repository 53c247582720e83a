"""Hostile bodies on every route that takes one, made by hypothesis: JSON with NaN, Infinity,
1e309, 4,300-digit integers, lone surrogates, NUL and deep nesting; forms with NUL and bytes
that are not UTF-8; multipart with odd file names; raw bytes under any content type.

Whatever arrives, the answer is below 500 and carries the security headers. Single-person
(scripts need no token) and multi-user (anonymous, where sign-up and sign-in take forms).
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas.web import WebSettings, create_app
from psoas.web.response_headers import SECURITY_HEADERS
from tests.web.conftest import fixed_clock
from tests.web.test_hostile_input import _endpoints

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
HOSTILE = settings(
    max_examples=600,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = st.sampled_from(
    ["note", "time_zone", "pain_now", "sitting_hours_per_day", "day", "step_index", "format",
     "version", "username", "password", "csrf_token", "replace", "file", "working_hours",
     "activities", "plan_day", "sessions", "profiles", "\x00", "\ud800", "x" * 300]
)  # fmt: skip
# Atoms Python's json reads but JSON cannot carry, or that stress a reader.
HOSTILE_ATOMS = st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e309", "-1e309", "9" * 4300, "-" + "9" * 5000,
     '"\\ud800"', '"\\udfff x"', '"a\\u0000b"', '"\\u0000"', "1e-400", "0.0", "-0",
     "[" * 3000 + "]" * 3000, '{"a":' * 2000 + "1" + "}" * 2000, "2147483648",
     "9223372036854775808", '"0001-01-01T00:00:00+14:00"', '"9999-12-31"', '"25:61"']
)  # fmt: skip
PLAIN_ATOMS = st.one_of(
    st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
    st.text(max_size=20),
).map(json.dumps)  # fmt: skip


def _json_text(depth: int = 0, names: st.SearchStrategy[str] = NAMES) -> st.SearchStrategy[str]:
    atom = st.one_of(HOSTILE_ATOMS, PLAIN_ATOMS)
    if depth >= 3:
        return atom
    inner = _json_text(depth + 1)
    array = st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]")
    key = st.one_of(names.map(lambda name: json.dumps(name)), st.just('"\\ud800"'))
    members = st.lists(st.tuples(key, inner), max_size=4)
    obj = members.map(lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}")
    return st.one_of(atom, array, obj)


def _form() -> st.SearchStrategy[tuple[bytes, str]]:
    value = st.one_of(
        st.text(max_size=30),
        st.sampled_from(["%00", "%ff%fe", "%ED%A0%80", "9" * 4300, "NaN", "1e309", "%C2%B2"]),
    )
    pairs = st.lists(st.tuples(NAMES, value), max_size=5)
    return pairs.map(
        lambda items: (
            "&".join(f"{name}={text}" for name, text in items).encode("utf-8", "surrogatepass"),
            "application/x-www-form-urlencoded",
        )
    )


def _multipart() -> st.SearchStrategy[tuple[bytes, str]]:
    filename = st.sampled_from(["x.json", "r\x00un.gpx", "\udcff.fit", "a" * 2000, "", "..\\x"])
    content = st.one_of(_json_text().map(str.encode), st.binary(max_size=200))
    field = st.tuples(NAMES, filename, content)

    def encode(parts: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
        body = b""
        for name, file_name, data in parts:
            header = f'Content-Disposition: form-data; name="{name}"; filename="{file_name}"'
            body += b"--B\r\n" + header.encode("utf-8", "surrogatepass") + b"\r\n\r\n"
            body += data + b"\r\n"
        # Always terminated: Starlette leaves the file of an unterminated last part to the
        # garbage collector (a ResourceWarning, no leak past it); see docs/reliability.md.
        return body + b"--B--\r\n", "multipart/form-data; boundary=B"

    return st.lists(field, max_size=3).map(encode)


def _bodies(fields: list[str]) -> st.SearchStrategy[tuple[bytes, str]]:
    """Mostly a JSON object of the route's own fields (so values reach its model and store)
    with hostile values; else any body at all."""
    names = st.sampled_from(fields) if fields else NAMES
    value = st.one_of(HOSTILE_ATOMS, _json_text(1))
    members = st.lists(st.tuples(names.map(json.dumps), value), min_size=1, max_size=4)
    obj = members.map(lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}")
    as_json = obj.map(lambda text: (text.encode("utf-8", "surrogatepass"), "application/json"))
    return st.one_of(as_json, as_json, as_json, BODIES)


def _body_fields(app: FastAPI) -> dict[tuple[str, str], list[str]]:
    """The property names of each operation's JSON body, from the OpenAPI document."""
    document = app.openapi()
    schemas = document["components"]["schemas"]
    fields: dict[tuple[str, str], list[str]] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema", {})
            for option in [schema, *schema.get("anyOf", [])]:
                if "$ref" in option:
                    properties = schemas[option["$ref"].rsplit("/", 1)[1]].get("properties", {})
                    fields[(method.upper(), path)] = sorted(properties)
    return fields


BODIES = st.one_of(
    _form(),
    _multipart(),
    st.tuples(
        st.binary(max_size=300),
        st.sampled_from(["application/json", "text/plain", "", "multipart/form-data"]),
    ),
)


def _targets(app: FastAPI) -> list[tuple[str, str, str]]:
    """Every (method, path template, path) that may take a body, path parameters filled in."""
    found = []
    for route in _endpoints(app.routes):
        path = route.path.replace("{session_id}", "1").replace("{exercise_id}", "psoas-march")
        path = path.replace("{source_id}", "x").replace("{name}", "x")
        found += [(method, route.path, path) for method in sorted(route.methods & BODY_METHODS)]
    return found


def _app(tmp_path: Any, *, multi_user: bool) -> Iterator[TestClient]:
    settings_ = WebSettings(
        database_url=f"sqlite:///{tmp_path / 'psoas.sqlite3'}",
        multi_user=multi_user,
        allowed_hosts=None,
        clock=fixed_clock,
        profile_file=None if multi_user else tmp_path / "profile.yaml",
        login_failures_allowed=10**6,
        signups_allowed=10**6,
    )
    with TestClient(create_app(settings_), raise_server_exceptions=False) as client:
        if multi_user:
            # A browser's CSRF pair, so forms are read (sign-up, sign-in) rather than refused.
            client.cookies.set("psoas_csrf", "hostile")
            client.headers["x-csrf-token"] = "hostile"
        else:
            # A check-in and session 1, so the session routes reach their stores.
            profile = {"activities": ["desk-work"], "goals": ["relieve-tightness"]}
            assert client.put("/api/v1/profile", json=profile).status_code == 200
            assert client.post("/api/v1/sessions", json={}).json()["session"]["id"] == 1
        yield client


@pytest.fixture(scope="module", params=[False, True], ids=["single-person", "multi-user"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    yield from _app(tmp_path_factory.mktemp("hostile"), multi_user=request.param)


def test_every_route_with_a_body_is_covered(served: TestClient) -> None:
    targets = _targets(served.app)  # type: ignore[arg-type]
    assert len(targets) > 25
    assert all("{" not in path for _, _, path in targets), targets


@HOSTILE
@given(data=st.data())
def test_no_body_makes_a_server_error(served: TestClient, data: st.DataObject) -> None:
    app: FastAPI = served.app  # type: ignore[assignment]
    method, template, path = data.draw(st.sampled_from(_targets(app)), label="route")
    fields = _body_fields(app).get((method, template), [])
    body, content_type = data.draw(_bodies(fields), label="body")
    headers = {"content-type": content_type} if content_type else {}
    response = served.request(method, path, content=body, headers=headers)
    assert response.status_code < 500, (method, path, response.status_code, response.text[:300])
    for name in SECURITY_HEADERS:
        assert name in response.headers
