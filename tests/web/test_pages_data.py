"""Your data in the browser: download, import, and delete everything after typing a word."""

import io
import json
import zipfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from psoas.web.errors import install_error_handlers
from psoas.web.request_size_limit import RequestSizeLimit
from tests.page_text import error_summary, visible_text
from tests.web.conftest import T0, csrf, main_of, save_profile
from tests.web.progress_support import DESK


def test_download_delete_and_import_back_through_the_pages(
    client: TestClient, tmp_path: Path
) -> None:
    save_profile(client, DESK)
    token = csrf(client)
    form = {"csrf_token": token, "pain_now": "2", "note": "before the move"}
    assert client.post("/progress/check-in", data=form).status_code == 200
    profile_file = tmp_path / "profile.yaml"  # the CLI's file, as the check-in wizard writes it
    profile_file.write_text("pain_now: 0\n", encoding="utf-8")

    page = main_of(client.get("/progress").text)
    assert 'href="/data/export.json"' in page
    exported = client.get("/data/export.json")
    assert exported.headers["content-type"] == "application/json"
    day = T0.date().isoformat()
    disposition = f'attachment; filename="psoas-coach-{day}.json"'
    assert exported.headers["content-disposition"] == disposition
    document = exported.json()
    assert document["check_ins"][0]["data"]["note"] == "before the move"
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data/export.zip").content))
    assert "check_ins.csv" in archive.namelist()
    assert "before the move" in archive.read("check_ins.csv").decode()

    confirm = main_of(client.get("/data/delete").text)
    assert "1 check-in" in confirm
    assert str(profile_file) in confirm
    wrong = client.post("/data/delete", data={"csrf_token": token, "confirm": "yes"})
    assert wrong.status_code == 422
    assert len(client.get("/api/v1/check-ins").json()) == 1  # nothing deleted
    done = client.post(
        "/data/delete", data={"csrf_token": token, "confirm": "delete"}, follow_redirects=False
    )
    assert (done.status_code, done.headers["location"]) == (303, "/")
    assert client.get("/api/v1/check-ins").json() == []
    assert client.get("/api/v1/profile").status_code == 404
    assert not profile_file.exists()

    upload = {"file": ("mine.json", exported.content, "application/json")}
    response = client.post("/data/import", data={"csrf_token": token}, files=upload)
    assert response.status_code == 200
    assert "Imported" in main_of(response.text)
    assert client.get("/api/v1/check-ins").json()[0]["check_in"]["note"] == "before the move"
    assert "desk-work" in profile_file.read_text(encoding="utf-8")  # the imported profile

    # Again, without Replace: refused, with the way out named; with it: replaced.
    again = client.post("/data/import", data={"csrf_token": token}, files=upload)
    assert again.status_code == 422
    assert "Replace" in main_of(again.text)
    replaced = client.post(
        "/data/import", data={"csrf_token": token, "replace": "yes"}, files=upload
    )
    assert replaced.status_code == 200
    assert len(client.get("/api/v1/check-ins").json()) == 1


def test_a_file_that_is_not_an_export_is_refused_and_changes_nothing(client: TestClient) -> None:
    token = csrf(client)
    for name, content in [
        ("notes.json", b'{"hello": 1}'),
        ("broken.json", b'{"format": "psoas-coach-'),
        ("photo.json", b"\x89PNG\r\n\x1a\n"),
    ]:
        response = client.post(
            "/data/import", data={"csrf_token": token}, files={"file": (name, content)}
        )
        assert response.status_code == 422
        assert name in main_of(response.text)
    assert client.get("/api/v1/export").json()["check_ins"] == []


def limited_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.state.settings = None

    @app.post("/api/v1/runs")
    async def echo(request: Request) -> Response:
        return JSONResponse({"size": len(await request.body())})

    app.add_middleware(RequestSizeLimit, limits={"/api/v1/runs": 10})
    return app


def test_uploads_over_the_limit_are_refused_with_413() -> None:
    with TestClient(limited_app()) as client:
        assert client.post("/api/v1/runs", content=b"x" * 10).json() == {"size": 10}
        declared = client.post("/api/v1/runs", content=b"x" * 11)
        assert declared.status_code == 413
        assert "larger than" in json.dumps(declared.json())

        def chunks() -> object:
            yield b"x" * 6
            yield b"x" * 6

        streamed = client.post("/api/v1/runs", content=chunks())  # type: ignore[arg-type]
        assert streamed.status_code == 413


def test_import_and_delete_problems_are_sentences_in_a_summary_that_takes_focus(
    client: TestClient,
) -> None:
    token = csrf(client)
    broken = client.post(
        "/data/import", data={"csrf_token": token}, files={"file": ("broken.json", b"{not")}
    )
    assert broken.status_code == 422
    assert "broken.json was not imported, and nothing changed:" in visible_text(broken.text)
    [(target, sentence)] = error_summary(broken.text)
    assert target == "import-file"
    assert sentence.startswith("Not valid JSON at line 1, column 2")
    nothing = client.post("/data/import", data={"csrf_token": token})
    assert error_summary(nothing.text) == [
        ("import-file", "Choose the .json file a Psoas Coach export wrote.")
    ]
    wrong_word = client.post("/data/delete", data={"csrf_token": token, "confirm": "yes"})
    assert wrong_word.status_code == 422
    assert error_summary(wrong_word.text) == [
        ("confirm", "Type the word delete to confirm; nothing was deleted.")
    ]
