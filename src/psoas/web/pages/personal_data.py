"""Your data: download it (JSON, or CSV files in a zip), import an export, or delete it all.

Everything here is the signed-in person's only. Deleting asks first, on its own page, and wants
the word "delete" typed, so a stray click cannot do it.
"""

import json
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.datastructures import UploadFile

from psoas.services.errors import InputError
from psoas.services.personal_data import (
    data_counts,
    describe_counts,
    export_csv_zip,
    export_json,
    parse_document,
)
from psoas.services.progress import local_day
from psoas.web import strict_body
from psoas.web.form_words import FormProblem, as_sentence
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.pages.progress import Form
from psoas.web.settings import WebSettings
from psoas.web.strict_body import StrictRoute
from psoas.web.templating import render
from psoas.web.your_data import delete_data, import_data, profile_file

router = APIRouter(route_class=StrictRoute)
IMPORT_FILE = "import-file"  # the file input's id, where the error summary links
CONFIRM_WORD = "delete"


def _attachment(settings: WebSettings, suffix: str) -> dict[str, str]:
    name = f"psoas-coach-{local_day(settings.clock()).isoformat()}.{suffix}"
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _json_of(text: str, source: str) -> Any:
    """The file read as strict JSON: deep nesting, huge integers, NaN, NUL and lone surrogates
    are refused with where they are, as they are in a JSON request body."""
    try:
        return strict_body.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError([f"{source}: not valid JSON at {where}: {error.msg}"]) from None
    except strict_body.BadValue as error:
        field = ".".join(str(part) for part in error.loc) or "document"
        raise InputError([f"{source}: {field}: {error.message}"]) from None


def _data_page(
    request: Request,
    engine: Engine,
    person: int,
    *,
    imported: str | None = None,
    problems: Sequence[FormProblem] = (),
    filename: str = "",
    status_code: int = 200,
) -> Response:
    context = {
        "have": describe_counts(data_counts(engine, person_id=person)),
        "imported": imported,
        "problems": list(problems),
        "not_imported": f"{filename[:80] or 'The file'} was not imported, and nothing changed:",
    }
    return render(request, "data.html", context, status_code=status_code)


@router.get("/data")
def data_page(request: Request, engine: Database, person: PersonId) -> Response:
    imported = request.query_params.get("imported")
    return _data_page(request, engine, person, imported="yes" if imported else None)


@router.get("/data/export.json")
def export_file(engine: Database, person: PersonId, settings: Settings) -> Response:
    text = export_json(engine, person_id=person, now=settings.clock())
    return Response(text, media_type="application/json", headers=_attachment(settings, "json"))


@router.get("/data/export.zip")
def export_zip(engine: Database, person: PersonId, settings: Settings) -> Response:
    archive = export_csv_zip(engine, person_id=person)
    return Response(archive, media_type="application/zip", headers=_attachment(settings, "zip"))


def _import_problems(problems: Sequence[str], filename: str) -> list[FormProblem]:
    """Where in the file each problem is, in the file's own field names: they are what a
    person would look for in it. The summary's title says nothing was imported."""
    return [
        FormProblem(
            IMPORT_FILE,
            as_sentence(
                problem.removeprefix(f"{filename}: ").replace("use --replace", "tick “Replace”")
            ),
        )
        for problem in problems
    ]


@router.post("/data/import")
def import_file(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        problems = [FormProblem(IMPORT_FILE, "Choose the .json file a Psoas Coach export wrote.")]
        return _data_page(request, engine, person, problems=problems, status_code=422)
    try:
        try:
            text = upload.file.read().decode("utf-8")
        except UnicodeDecodeError:
            raise InputError([f"{upload.filename}: not a text file (not UTF-8)"]) from None
        document = parse_document(_json_of(text, upload.filename), source=upload.filename)
        import_data(
            engine, settings, document, person_id=person, replace=form.get("replace") == "yes"
        )
    except InputError as error:
        problems = _import_problems(error.problems, upload.filename)
        return _data_page(
            request, engine, person, problems=problems, filename=upload.filename, status_code=422
        )
    return RedirectResponse("/data?imported=1", status_code=303)


def _delete_page(
    request: Request,
    engine: Engine,
    settings: WebSettings,
    person: int,
    *,
    problems: Sequence[FormProblem] = (),
    status_code: int = 200,
) -> Response:
    path = profile_file(settings)
    context = {
        "have": describe_counts(data_counts(engine, person_id=person)),
        "profile_file": path if path is not None and path.exists() else None,
        "word": CONFIRM_WORD,
        "problems": list(problems),
        "multi_user": settings.multi_user,
    }
    return render(request, "data_delete.html", context, status_code=status_code)


@router.get("/data/delete")
def delete_form(
    request: Request, engine: Database, person: PersonId, settings: Settings
) -> Response:
    return _delete_page(request, engine, settings, person)


@router.post("/data/delete")
def delete_everything(
    request: Request, form: Form, engine: Database, person: PersonId, settings: Settings
) -> Response:
    typed = form.get("confirm")
    if not isinstance(typed, str) or typed.strip().casefold() != CONFIRM_WORD:
        problems = [
            FormProblem("confirm", f"Type the word {CONFIRM_WORD} to confirm; nothing was deleted.")
        ]
        return _delete_page(request, engine, settings, person, problems=problems, status_code=422)
    delete_data(engine, settings, person_id=person)
    return RedirectResponse("/", status_code=303)
