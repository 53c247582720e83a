"""Static files under hashed addresses: kept a year when the hash is the file's, minutes if not."""

import re

from fastapi.testclient import TestClient

from psoas.web.static_files import (
    HASHED_CACHE_CONTROL,
    PLAIN_CACHE_CONTROL,
    content_hash,
    release_hash,
    shell_urls,
    static_url,
)


def test_pages_name_their_scripts_and_styles_by_hashed_address(client: TestClient) -> None:
    html = client.get("/").text
    addresses = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert static_url("app.css") in addresses
    assert all(re.search(r"\?v=[0-9a-f]{12}$", a) for a in addresses), addresses


def test_a_hashed_address_is_kept_a_year_and_a_plain_one_minutes(client: TestClient) -> None:
    hashed = client.get(static_url("app.css"))
    assert hashed.status_code == 200
    assert hashed.headers["cache-control"] == HASHED_CACHE_CONTROL
    for address in ("/static/app.css", "/static/app.css?v=000000000000"):
        response = client.get(address)
        assert response.status_code == 200
        assert response.headers["cache-control"] == PLAIN_CACHE_CONTROL, address
    assert client.get("/static/nothing.css?v=1").status_code == 404
    # Pages still hold personal data: never cached.
    assert client.get("/").headers["cache-control"] == "no-store"


def test_a_changed_file_gets_a_new_address_and_release(client: TestClient) -> None:
    assert content_hash("app.css") != content_hash("player.css")
    assert re.fullmatch(r"[0-9a-f]{12}", release_hash())
    assert static_url("app.css") in shell_urls()
    assert not any("/sw.js" in url for url in shell_urls())
