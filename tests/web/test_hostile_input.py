"""Input a careless or hostile client sends: never a 500 or 503, always a 4xx naming the field,
with the security headers; bodies are capped before anything parses them. SQLite and PostgreSQL.
"""

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from psoas.web.response_headers import SECURITY_HEADERS
from psoas.web.strict_body import StrictRoute
from tests.web.conftest import MakeClient, csrf, save_profile

JSON = {"content-type": "application/json"}


def token(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf(client)}


PROFILE = {"activities": ["desk-work"], "goals": ["relieve-tightness"], "minutes_per_session": 15}
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INTEGER = "9" * 4300


def assert_secure(response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name


# (method, path, body, the field the 422 must name)
HOSTILE_BODIES = [
    ("PUT", "/api/v1/profile", '{"sitting_hours_per_day": NaN}', ["sitting_hours_per_day"]),
    ("PUT", "/api/v1/profile", '{"sitting_hours_per_day": Infinity}', ["sitting_hours_per_day"]),
    ("PUT", "/api/v1/profile", '{"sitting_hours_per_day": -Infinity}', ["sitting_hours_per_day"]),
    ("PUT", "/api/v1/profile", '{"sitting_hours_per_day": 1e309}', ["sitting_hours_per_day"]),
    ("PUT", "/api/v1/profile", '{"activities": ["\\ud800"]}', ["activities", 0]),
    ("PUT", "/api/v1/profile", '{"\\udfff": 1}', ["\udfff".encode("utf-8", "replace").decode()]),
    ("PUT", "/api/v1/profile", f'{{"pain_now": {HUGE_INTEGER}}}', ["pain_now"]),
    ("PUT", "/api/v1/profile", DEEP, []),
    ("POST", "/api/v1/sessions", '{"time_scale": NaN}', ["time_scale"]),
    ("POST", "/api/v1/sessions", '{"pain_before": 1e309}', ["pain_before"]),
    ("PUT", "/api/v1/breaks/settings", '{"idle_break_min": Infinity}', ["idle_break_min"]),
    ("POST", "/api/v1/breaks/tick", '{"time_zone": "\\ud800"}', ["time_zone"]),
    ("POST", "/api/v1/breaks/tick", '{"time_zone": "Europe/\\u0000London"}', ["time_zone"]),
    ("POST", "/api/v1/import", '{"format": NaN}', ["format"]),
    ("POST", "/api/v1/import", f'{{"version": {HUGE_INTEGER}}}', ["version"]),
    ("POST", "/api/v1/import", DEEP, []),
    ("POST", "/api/v1/plan", '{"minutes_per_session": NaN}', ["minutes_per_session"]),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), HOSTILE_BODIES)
def test_json_that_python_reads_but_json_does_not_carry_is_a_422_naming_the_field(
    client: TestClient, method: str, path: str, body: str, field: list[object]
) -> None:
    save_profile(client, PROFILE)
    headers = {**JSON, **token(client)}
    response = client.request(
        method, path, content=body.encode("utf-8", "surrogatepass"), headers=headers
    )
    assert response.status_code == 422, response.text
    assert_secure(response)
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", *field]
    assert error["msg"]


def test_nul_in_a_note_is_refused_alike_on_both_backends(client: TestClient) -> None:
    save_profile(client, PROFILE)
    headers = token(client)
    session = client.post("/api/v1/sessions", json={}, headers=headers).json()["session"]["id"]
    url = f"/api/v1/sessions/{session}/finish"
    response = client.post(url, json={"note": "a\x00b"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "note"]
    assert "NUL" in response.json()["detail"][0]["msg"]
    finished = client.post(url, json={"note": "ab"}, headers=headers)
    assert finished.status_code == 200  # nothing was half-written by the refused one


def test_nul_in_a_form_field_or_file_name_is_refused(make_client: MakeClient) -> None:
    client = make_client(multi_user=True)
    form = {"username": "da\x00ve", "password": "x" * 12, "csrf_token": csrf(client)}
    page = client.post("/signup", data=form)
    assert page.status_code == 422
    assert "username" in page.text
    assert_secure(page)
    signed = make_client()
    # Written by hand: httpx would percent-encode the NUL in the file name.
    body = (
        f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf(signed)}\r\n'
        '--b\r\nContent-Disposition: form-data; name="file"; filename="ex\x00port.json"\r\n'
        "Content-Type: application/json\r\n\r\n{}\r\n--b--\r\n"
    )
    content_type = {"content-type": "multipart/form-data; boundary=b"}
    upload = signed.post("/data/import", content=body.encode(), headers=content_type)
    assert upload.status_code == 422
    assert "NUL" in upload.text


@pytest.mark.parametrize(
    "url",
    [
        "/session?resume=%C2%B2",
        "/session?resume=99999999999999999999",
        "/session?resume=0",
        "/session?resume=-1",
    ],
)
def test_a_session_number_that_is_not_one_is_a_clear_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert "resume: must be a session number" in response.text
    assert_secure(response)


@pytest.mark.parametrize("value", ["%C2%B2", "99999999999999999999", "%EF%BC%91"])
def test_progress_notice_numbers_that_are_not_numbers_are_ignored(
    client: TestClient, value: str
) -> None:
    for name in ("logged", "run", "changes"):
        response = client.get(f"/progress?{name}={value}")
        assert response.status_code == 200, (name, value)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (DEEP.encode(), "nested more than"),
        (f'{{"format": "psoas-coach-export", "version": {HUGE_INTEGER}}}'.encode(), "version"),
        (b'{"format": "\\ud800"}', "surrogate"),
        (b'{"format": NaN}', "format"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_the_import_page_refuses_unreadable_json_with_a_page(
    client: TestClient, content: bytes, said: str
) -> None:
    response = client.post(
        "/data/import", files={"file": ("export.json", content)}, data={"csrf_token": csrf(client)}
    )
    assert response.status_code == 422
    assert said.lower() in response.text.lower()  # the page starts each sentence with a capital
    assert_secure(response)


def test_a_validation_error_echoes_only_a_short_prefix(client: TestClient) -> None:
    big = "x" * 500_000
    for response in (
        client.put("/api/v1/profile", json={"sitting_hours_per_day": big}),
        client.put("/api/v1/profile", json={"activities": [big]}),
        client.put("/api/v1/profile", json={"unknown": big, big[:1000]: 1}),
        client.post("/api/v1/import", json={"profiles": big}),
    ):
        assert response.status_code == 422
        assert len(response.content) < 2_000, response.text[:300]


@pytest.mark.parametrize(
    ("method", "path", "multi_user"),
    [
        ("PUT", "/api/v1/profile", False),
        ("POST", "/check-in", False),
        ("POST", "/login", True),
        ("POST", "/api/v1/sessions", True),
    ],
)
def test_a_body_over_1_mb_is_refused_before_it_is_read(
    make_client: MakeClient, method: str, path: str, multi_user: bool
) -> None:
    client = make_client(multi_user=multi_user)
    body = b'{"note": "' + b"x" * (1024 * 1024) + b'"}'
    form = {"content-type": "application/x-www-form-urlencoded"}
    headers = JSON if path.startswith("/api/") else form
    declared = client.request(method, path, content=body, headers=headers)
    assert declared.status_code == 413
    assert "larger than 1 MB" in declared.text
    assert_secure(declared)

    def chunks() -> Any:
        for _ in range(20):
            yield b"x" * 100_000

    streamed = client.request(method, path, content=chunks(), headers=headers)  # not declared
    assert streamed.status_code == 413


def test_a_server_error_is_answered_in_kind_with_the_security_headers(
    make_client: MakeClient,
) -> None:
    client = make_client()
    app: FastAPI = client.app  # type: ignore[assignment]

    @app.get("/api/v1/boom")
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    quiet = TestClient(app, base_url="https://localhost", raise_server_exceptions=False)
    api = quiet.get("/api/v1/boom")
    assert api.status_code == 500
    assert "server log" in api.json()["detail"]
    page = quiet.get("/boom")
    assert page.status_code == 500
    assert "Server error" in page.text
    for response in (api, page):
        assert_secure(response)
        assert response.headers["cache-control"] == "no-store"
        assert "a bug" not in response.text


def test_personal_answers_are_not_cached_and_static_files_may_be(client: TestClient) -> None:
    save_profile(client, PROFILE)
    for path in ("/", "/plan", "/api/v1/profile", "/api/v1/export", "/data/export.json"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def _endpoints(routes: list[Any]) -> list[Any]:
    """Every route with an endpoint, looking inside included routers."""
    found = []
    for route in routes:
        if hasattr(route, "original_router"):
            found += _endpoints(route.original_router.routes)
        elif hasattr(route, "endpoint"):
            found.append(route)
    return found


def test_every_route_reads_its_body_strictly(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    routes = [route for route in _endpoints(app.routes) if route.path != "/openapi.json"]
    assert [route.path for route in routes if not isinstance(route, StrictRoute)] == []
    assert len(routes) > 40


def test_strict_json_still_takes_what_json_allows(client: TestClient) -> None:
    body = json.dumps({**PROFILE, "sitting_hours_per_day": 8.5, "pain_now": 0}, ensure_ascii=False)
    headers = {**JSON, **token(client)}
    response = client.put("/api/v1/profile", content=body.encode(), headers=headers)
    assert response.status_code == 200, response.text
    emoji = client.post("/api/v1/sessions", json={}, headers=headers).json()["session"]["id"]
    url = f"/api/v1/sessions/{emoji}/finish"
    finished = client.post(url, json={"note": "\U0001f600 é"}, headers=headers)
    assert finished.json()["note"] == "\U0001f600 é"


def test_a_shared_server_takes_big_uploads_only_from_someone_signed_in(
    make_client: MakeClient,
) -> None:
    client = make_client(multi_user=True)
    body = b'{"format": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    anonymous = client.post("/api/v1/import", content=body, headers=JSON)
    assert anonymous.status_code == 413
    with_token = client.post(
        "/api/v1/import", content=body, headers={**JSON, "authorization": "Bearer not-valid"}
    )
    assert with_token.status_code == 401  # read within the import cap, then refused
