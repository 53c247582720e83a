"""Installable: the manifest and its icons, and the service worker, all from the app itself."""

import json
import re
import struct

from fastapi.testclient import TestClient

from psoas.web.static_files import release_hash
from tests.web.conftest import MakeClient, csrf


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_manifest_makes_the_app_installable(client: TestClient) -> None:
    html = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0b5cad">' in html
    response = client.get("/manifest.webmanifest")
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Psoas Coach"
    assert manifest["short_name"]
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["theme_color"] == "#0b5cad"  # app.css --accent
    assert manifest["background_color"] == "#ffffff"
    sizes: dict[str, list[int]] = {}
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/static/icons/")  # nothing from another site
        image = client.get(icon["src"])
        assert image.status_code == 200
        assert image.headers["content-type"] == "image/png"
        width, height = _png_size(image.content)
        assert f"{width}x{height}" == icon["sizes"]
        sizes[icon.get("purpose", "any")] = [*sizes.get(icon.get("purpose", "any"), []), width]
    assert sorted(sizes["any"]) == [192, 512]
    assert sizes["maskable"] == [512]


def test_the_service_worker_is_served_from_the_root_with_its_settings(client: TestClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["service-worker-allowed"] == "/"
    assert response.headers["cache-control"] == "no-cache"
    first_line = response.text.splitlines()[0]
    settings = json.loads(re.fullmatch(r"self\.PSOAS_OFFLINE = (.*);", first_line).group(1))  # type: ignore[union-attr]
    assert settings["release"] == release_hash()
    assert settings["person"] == "local"
    assert "/session" in settings["personal"]
    assert "/api/v1/plan/session-days" in settings["personal"]
    assert any(url.startswith("/static/player.js?v=") for url in settings["shell"])
    assert any(url.endswith("figure.svg?motion=animated") for url in settings["public"])
    every = settings["shell"] + settings["public"] + settings["personal"]
    assert all(url.startswith("/") and not url.startswith("//") for url in every)
    # Every address it keeps answers.
    csrf(client)
    for url in settings["shell"] + settings["public"]:
        assert client.get(url).status_code == 200, url


def test_multi_user_caches_are_per_person_and_cleared_at_sign_out(
    make_client: MakeClient,
) -> None:
    client = make_client(multi_user=True)
    anonymous = client.get("/sw.js").text.splitlines()[0]
    assert '"person":null' in anonymous
    assert '"personal":[]' in anonymous
    token = csrf(client)
    form = {"username": "dana", "password": "a long enough password", "csrf_token": token}
    assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
    signed_in = client.get("/sw.js").text.splitlines()[0]
    key = json.loads(signed_in.removeprefix("self.PSOAS_OFFLINE = ").rstrip(";"))["person"]
    assert re.fullmatch(r"[0-9a-f]{16}", key)
    assert f'<meta name="psoas-offline" content="{key}">' in client.get("/account").text
    out = client.post("/logout", data={"csrf_token": csrf(client)}, follow_redirects=False)
    assert out.headers["clear-site-data"] == '"cache", "storage"'
