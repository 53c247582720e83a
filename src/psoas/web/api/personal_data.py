"""Your data over HTTP: export it whole, import an export, delete it all. Only ever the caller's."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from psoas.domain.problems import problems_from
from psoas.services.errors import InputError
from psoas.services.personal_data import ExportDocument, export_json
from psoas.web.identity import Database, PersonId, Settings
from psoas.web.strict_body import StrictRoute
from psoas.web.your_data import delete_data, import_data

Responses = dict[int | str, dict[str, Any]]
router = APIRouter(route_class=StrictRoute, tags=["your data"])
Counts = Annotated[dict[str, int], Field(description="Records per kind, e.g. {'sessions': 3}")]


class Imported(BaseModel):
    imported: Counts


class Deleted(BaseModel):
    deleted: Counts


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"model": ExportDocument, "description": "Everything you have entered"}},
)
def export(engine: Database, person: PersonId, settings: Settings) -> Response:
    """Everything of yours as one JSON document, as `psoas export` writes it: profiles,
    sessions with their steps, check-ins, runs and plan changes. No credentials."""
    text = export_json(engine, person_id=person, now=settings.clock())
    return Response(text, media_type="application/json")


@router.post(
    "/import",
    response_model=Imported,
    responses={
        413: {"description": "The document is larger than the server takes"},
        422: {"description": "The document is not a valid export, or you have data already"},
    },
)
async def import_(
    document: ExportDocument,
    request: Request,
    engine: Database,
    person: PersonId,
    settings: Settings,
    replace: Annotated[
        bool, Query(description="Delete all your data first (else refused if you have any)")
    ] = False,
) -> Imported:
    """Import an export: checked whole, then written in one go, or nothing is written."""
    strict = strict_document(await request.body())
    counts = await run_in_threadpool(
        import_data, engine, settings, strict, person_id=person, replace=replace
    )
    return Imported(imported=counts)


def strict_document(body: bytes) -> ExportDocument:
    """The body read again as the schema says: JSON has strings for dates and real numbers, so
    0 for a time or "1" for an id is refused (the model alone would coerce them)."""
    try:
        return ExportDocument.model_validate_json(body, strict=True)
    except ValidationError as error:
        raise InputError([str(p) for p in problems_from(error, ExportDocument)]) from None


@router.delete("/data", response_model=Deleted)
def delete_everything(engine: Database, person: PersonId, settings: Settings) -> Deleted:
    """Delete all your data: profiles, sessions, check-ins, runs and plan changes (an account
    stays, so you can sign in and start again)."""
    return Deleted(deleted=delete_data(engine, settings, person_id=person))
