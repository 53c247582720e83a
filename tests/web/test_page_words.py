"""Words for people on every page state: no internal id in what a person reads, and no long
sentence said twice on one page (tests/page_states.py lists the states)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.page_states import (
    MULTI_USER_SIGNED_IN,
    MULTI_USER_SIGNED_OUT,
    PageState,
    single_user_states,
)
from tests.page_text import (
    doubled_sentences,
    ids_in,
    known_ids,
    repeated_sentences,
    visible_text,
)
from tests.web.conftest import MakeClient, csrf


class _Client:
    def __init__(self, client: TestClient) -> None:
        self.client = client

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"X-CSRF-Token": csrf(self.client)}
        response = self.client.request(method, path, json=body, headers=headers)
        assert response.status_code < 300, (path, response.text)
        return response.json() if response.content else None


def _pages(client: TestClient) -> list[tuple[PageState, str]]:
    driver = _Client(client)
    read = []
    for setup, states in single_user_states():
        if setup is not None:
            setup(driver)
        for state in states:
            response = client.get(state.path)
            assert response.status_code in (200, 404), (state, response.status_code)
            read.append((state, visible_text(response.text)))
    return read


@pytest.fixture
def pages(client: TestClient) -> list[tuple[PageState, str]]:
    return _pages(client)


def _multi_user_pages(make_client: MakeClient) -> list[tuple[PageState, str]]:
    client = make_client(multi_user=True)
    read = [(s, visible_text(client.get(s.path).text)) for s in MULTI_USER_SIGNED_OUT]
    form = {"username": "dana", "password": "long enough pass", "csrf_token": csrf(client)}
    assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
    read += [(s, visible_text(client.get(s.path).text)) for s in MULTI_USER_SIGNED_IN]
    return read


def test_the_list_of_known_ids_holds_each_kind() -> None:
    ids = known_ids()
    for example in (
        "glute-bridge",  # exercise
        "nice-cks-red-flags",  # source
        "lacrosse-ball",  # equipment
        "cannot-bear-weight",  # warning sign
        "abdominal-hernia",  # condition
        "relieve-tightness",  # goal
        "allow_direct_psoas_pressure",  # profile field
        "sitting_hours_per_day",
        "direct-pressure-off",  # message code
    ):
        assert example in ids


def test_the_check_finds_an_id_as_a_word_but_not_inside_another() -> None:
    assert ids_in("Have ready: foam-roller or lacrosse-ball.") == ["foam-roller", "lacrosse-ball"]
    assert ids_in("Sources: nice-cks-red-flags; Wiewelhove 2019") == ["nice-cks-red-flags"]
    assert ids_in("a glute bridge, a half-kneeling stretch, sit-ups") == []


def test_no_page_shows_an_internal_id(pages: list[tuple[PageState, str]]) -> None:
    leaks = [f"{state.name}: {found}" for state, text in pages if (found := ids_in(text))]
    assert not leaks, "\n".join(leaks)


def test_no_signed_in_or_out_page_shows_an_internal_id(make_client: MakeClient) -> None:
    pages = _multi_user_pages(make_client)
    leaks = [f"{state.name}: {found}" for state, text in pages if (found := ids_in(text))]
    assert not leaks, "\n".join(leaks)


def test_no_long_sentence_is_said_twice_on_a_page(pages: list[tuple[PageState, str]]) -> None:
    repeats = [
        f"{state.name}: {found}"
        for state, text in pages
        if (found := repeated_sentences(text) + doubled_sentences(text))
    ]
    assert not repeats, "\n".join(repeats)


def test_the_repeat_checks_find_a_repeat() -> None:
    said = "Hills ask the most of the hip flexors when you run uphill."
    assert repeated_sentences(f"{said}\nOther words.\n{said}") == [said]
    assert doubled_sentences("On flat ground. Flat ground only. Flat ground only.") == [
        "Flat ground only."
    ]
