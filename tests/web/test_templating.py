"""What every page carries: the main navigation with the page you are on marked, "Your data"
in it in both modes, and a description for search results and link previews."""

import re

import pytest
from fastapi.testclient import TestClient

from psoas.web.templating import NAV_PAGES, nav_links
from tests.web.conftest import MakeClient
from tests.web.test_isolation import signed_in

# A page of each section, and the navigation link that must be marked on it.
PAGES = {
    "/check-in": "/check-in",
    "/plan": "/plan",
    "/session": "/session",
    "/history": "/history",
    "/progress": "/progress",
    "/progress/check-in": "/progress",
    "/breaks": "/breaks",
    "/exercises": "/exercises",
    "/exercises/glute-bridge": "/exercises",
    "/sources": "/sources",
    "/data": "/data",
}


def nav_of(page: str) -> str:
    found = re.search(r'<nav class="site-nav" aria-label="Main">.*?</nav>', page, re.S)
    assert found, "no main navigation"
    return found[0]


def current_links(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', page)


def test_a_page_in_a_section_marks_that_section() -> None:
    marked = [
        link["href"]
        for link in nav_links("/exercises/psoas-smash", signed_in=False, multi_user=False)
        if link["current"]
    ]
    assert marked == ["/exercises"]
    # /sessionx is not in /session: a prefix counts only up to a slash.
    assert not any(
        link["current"] for link in nav_links("/sessionx", signed_in=False, multi_user=False)
    )


def test_each_page_marks_itself_in_the_navigation(client: TestClient) -> None:
    for path, section in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        nav = nav_of(response.text)
        assert current_links(nav) == [section], path
        assert '<a href="/data"' in nav  # "Your data" is one tap away from every page
        assert re.search(r'<meta name="description" content="[^"]{20,}">', response.text), path
    home = client.get("/").text
    assert current_links(nav_of(home)) == []
    assert '<a class="brand" href="/" aria-current="page">' in home


def test_the_navigation_lists_every_page_once(client: TestClient) -> None:
    nav = nav_of(client.get("/plan").text)
    assert re.findall(r'<li><a href="([^"]+)"', nav) == [href for href, _ in NAV_PAGES]
    assert "Sign in" not in nav
    assert "Account" not in nav


@pytest.mark.parametrize("signed", [False, True])
def test_multi_user_adds_sign_in_or_account(make_client: MakeClient, signed: bool) -> None:
    server = make_client(multi_user=True)
    browser = signed_in(server, "ada") if signed else TestClient(server.app)
    page = browser.get("/login" if not signed else "/account").text
    nav = nav_of(page)
    assert '<a href="/data"' in nav
    if signed:
        assert current_links(nav) == ["/account"]
        assert '<a href="/login"' not in nav
    else:
        assert current_links(nav) == ["/login"]
        assert '<a href="/account"' not in nav
