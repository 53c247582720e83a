"""Multi-user mode: accounts, sign-in, cookies, CSRF, rate limiting and API tokens."""

import pytest
from fastapi.testclient import TestClient

from tests.page_text import error_summary, visible_text
from tests.web.conftest import MakeClient, csrf

PASSWORD = "correct horse battery"


def sign_up(client: TestClient, username: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/signup",
        data={"username": username, "password": password, "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def server(make_client: MakeClient) -> MakeClient:
    """Each call is another browser on the same multi-user server."""
    first = make_client(multi_user=True)

    def browser(**_: object) -> TestClient:
        return TestClient(first.app, base_url="https://localhost")

    return browser


def test_pages_and_api_need_sign_in(server: MakeClient) -> None:
    anonymous = server()
    page = anonymous.get("/account", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/account"
    api = anonymous.get("/api/v1/profile")
    assert api.status_code == 401
    assert api.headers["www-authenticate"] == "Bearer"


def test_sign_up_sets_a_secure_http_only_same_site_cookie(server: MakeClient) -> None:
    browser = server()
    response = browser.post(
        "/signup",
        data={"username": "ada", "password": PASSWORD, "csrf_token": csrf(browser)},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("psoas_login=")
    for attribute in ("httponly", "secure", "samesite=lax"):
        assert attribute in cookie
    assert browser.get("/account").status_code == 200
    assert "ada" in browser.get("/account").text


def test_bad_sign_up_says_what_is_wrong_in_the_pages_words(server: MakeClient) -> None:
    browser = server()
    for username, password, field, said in (
        ("A!", PASSWORD, "username", "A username needs 3 to 32 characters"),
        ("bea", "short", "password", "A password needs at least 10 characters; this one has 5."),
    ):
        response = browser.post(
            "/signup",
            data={"username": username, "password": password, "csrf_token": csrf(browser)},
        )
        assert response.status_code == 422
        [(target, sentence)] = error_summary(response.text)
        assert target == field
        assert sentence.startswith(said)
        assert f'id="error-{field}"' in response.text  # beside the question too
        assert f"{field}:" not in visible_text(response.text)
    sign_up(browser, "dana")
    taken = server()
    response = taken.post(
        "/signup", data={"username": "dana ", "password": PASSWORD, "csrf_token": csrf(taken)}
    )
    assert response.status_code == 422
    assert error_summary(response.text) == [
        ("username", "The name dana is already taken; choose another.")
    ]


def test_a_wrong_password_is_one_sentence_in_a_summary_that_takes_focus(
    server: MakeClient,
) -> None:
    sign_up(server(), "ada")
    browser = server()
    wrong = browser.post(
        "/login", data={"username": "ada", "password": "nope" * 3, "csrf_token": csrf(browser)}
    )
    assert wrong.status_code == 401
    assert error_summary(wrong.text) == [
        ("username", "That username and password do not match an account; check both.")
    ]


def test_sign_in_and_out(server: MakeClient) -> None:
    sign_up(server(), "ada")
    browser = server()
    wrong = browser.post(
        "/login", data={"username": "ada", "password": "nope" * 3, "csrf_token": csrf(browser)}
    )
    assert wrong.status_code == 401
    assert "do not match" in wrong.text
    right = browser.post(
        "/login?next=/history",
        data={"username": "ada", "password": PASSWORD, "csrf_token": csrf(browser)},
        follow_redirects=False,
    )
    assert (right.status_code, right.headers["location"]) == (303, "/history")
    assert browser.get("/api/v1/history").status_code == 200
    stolen = browser.cookies["psoas_login"]
    browser.post("/logout", data={"csrf_token": csrf(browser)})
    assert browser.get("/api/v1/history").status_code == 401
    replay = server()
    replay.cookies.set("psoas_login", stolen)
    assert replay.get("/api/v1/history").status_code == 401  # the login ended on the server


def test_sign_in_never_redirects_off_site(server: MakeClient) -> None:
    sign_up(server(), "ada")
    browser = server()
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = browser.post(
            f"/login?next={target}",
            data={"username": "ada", "password": PASSWORD, "csrf_token": csrf(browser)},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"


def test_forms_without_the_csrf_token_are_refused(server: MakeClient) -> None:
    browser = server()
    csrf(browser)
    response = browser.post("/signup", data={"username": "eve", "password": PASSWORD})
    assert response.status_code == 403
    forged = browser.post(
        "/signup", data={"username": "eve", "password": PASSWORD, "csrf_token": "guess"}
    )
    assert forged.status_code == 403
    assert server().post("/login", data={"username": "x", "password": "y"}).status_code == 403


def test_cross_site_requests_are_refused_even_with_a_token(server: MakeClient) -> None:
    browser = server()
    sign_up(browser, "ada")
    response = browser.put(
        "/api/v1/profile",
        json={"pain_now": 1},
        headers={"origin": "https://evil.example", "x-csrf-token": csrf(browser)},
    )
    assert response.status_code == 403


def test_browser_api_calls_need_the_csrf_header(server: MakeClient) -> None:
    browser = server()
    sign_up(browser, "ada")
    assert browser.put("/api/v1/profile", json={"pain_now": 1}).status_code == 403
    sent = browser.put(
        "/api/v1/profile", json={"pain_now": 1}, headers={"x-csrf-token": csrf(browser)}
    )
    assert sent.status_code == 200


def test_an_api_token_works_without_cookies_and_a_new_one_replaces_it(
    server: MakeClient,
) -> None:
    browser = server()
    sign_up(browser, "ada")
    first = browser.post("/api/v1/token", headers={"x-csrf-token": csrf(browser)})
    assert first.status_code == 201
    token = first.json()["token"]
    script = server()
    bearer = {"authorization": f"Bearer {token}"}
    assert script.put("/api/v1/profile", json={"pain_now": 2}, headers=bearer).status_code == 200
    assert browser.get("/api/v1/profile").json()["pain_now"] == 2
    page = browser.post("/account/token", data={"csrf_token": csrf(browser)})
    assert page.status_code == 200
    assert script.get("/api/v1/profile", headers=bearer).status_code == 401
    assert (
        script.get("/api/v1/profile", headers={"authorization": "Bearer nonsense"}).status_code
        == 401
    )


def test_single_person_mode_has_no_accounts(client: TestClient) -> None:
    assert client.get("/login").status_code == 404
    assert client.get("/signup").status_code == 404
    assert client.post("/api/v1/token", headers={"x-csrf-token": csrf(client)}).status_code == 409


def test_single_person_mode_lets_local_scripts_post_but_not_other_sites(
    client: TestClient,
) -> None:
    script = TestClient(client.app, base_url="https://localhost")
    assert script.put("/api/v1/profile", json={"pain_now": 1}).status_code == 200
    forged = script.put(
        "/api/v1/profile", json={"pain_now": 9}, headers={"origin": "https://evil.example"}
    )
    assert forged.status_code == 403
    csrf(client)  # a browser: it has the cookie, so it must send the token
    assert client.put("/api/v1/profile", json={"pain_now": 9}).status_code == 403
    assert script.get("/api/v1/profile").json()["pain_now"] == 1


def test_the_csrf_cookie_is_host_only_over_https_and_rotates_at_sign_in(
    server: MakeClient,
) -> None:
    browser = server()
    before = csrf(browser)
    [cookie] = [c for c in browser.cookies.jar if c.name == "__Host-psoas_csrf"]
    assert cookie.secure
    assert cookie.path == "/"
    assert not cookie.domain_specified
    sign_up(browser, "ada")
    after = csrf(browser)
    assert after != before
    stale = browser.put("/api/v1/profile", json={"pain_now": 1}, headers={"x-csrf-token": before})
    assert stale.status_code == 403
    fresh = browser.put("/api/v1/profile", json={"pain_now": 1}, headers={"x-csrf-token": after})
    assert fresh.status_code == 200


def test_over_plain_http_the_cookie_keeps_its_plain_name(make_client: MakeClient) -> None:
    client = make_client(multi_user=True, secure_cookies=False)
    plain = TestClient(client.app, base_url="http://localhost")
    plain.get("/login")
    assert "psoas_csrf" in plain.cookies
    assert "__Host-psoas_csrf" not in plain.cookies


def test_a_token_cannot_mint_its_replacement_without_the_password(server: MakeClient) -> None:
    browser = server()
    sign_up(browser, "ada")
    token = browser.post("/api/v1/token", headers={"x-csrf-token": csrf(browser)}).json()["token"]
    script = server()
    bearer = {"authorization": f"Bearer {token}"}
    alone = script.post("/api/v1/token", headers=bearer)
    assert alone.status_code == 403
    assert "password" in alone.json()["detail"]
    wrong = script.post("/api/v1/token", json={"password": "not it at all"}, headers=bearer)
    assert wrong.status_code == 403
    assert script.post("/account/token", headers=bearer).status_code == 403
    assert script.get("/api/v1/profile", headers=bearer).status_code in (200, 404)  # still valid
    right = script.post("/api/v1/token", json={"password": PASSWORD}, headers=bearer)
    assert right.status_code == 201
    assert script.get("/api/v1/profile", headers=bearer).status_code == 401  # replaced


def test_sign_out_can_revoke_the_api_token(server: MakeClient) -> None:
    browser = server()
    sign_up(browser, "ada")
    token = browser.post("/api/v1/token", headers={"x-csrf-token": csrf(browser)}).json()["token"]
    bearer = {"authorization": f"Bearer {token}"}
    script = server()
    assert script.get("/api/v1/plan/changes", headers=bearer).status_code == 200
    assert 'name="revoke_api_token"' in browser.get("/account").text
    browser.post("/logout", data={"csrf_token": csrf(browser), "revoke_api_token": "yes"})
    assert script.get("/api/v1/plan/changes", headers=bearer).status_code == 401


def test_a_script_can_revoke_its_own_token(server: MakeClient) -> None:
    browser = server()
    sign_up(browser, "ada")
    token = browser.post("/api/v1/token", headers={"x-csrf-token": csrf(browser)}).json()["token"]
    script = server()
    bearer = {"authorization": f"Bearer {token}"}
    assert script.delete("/api/v1/token", headers=bearer).status_code == 204
    assert script.get("/api/v1/plan/changes", headers=bearer).status_code == 401
