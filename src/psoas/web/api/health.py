"""GET /healthz: 200 when the database answers, 503 when it does not."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from psoas.web.identity import Database
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute, tags=["health"])


@router.get("/healthz")
def healthz(engine: Database) -> JSONResponse:
    try:
        with engine.connect() as connection:
            # Reads the schema, so a corrupt SQLite file fails here (SELECT 1 would not).
            connection.execute(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return JSONResponse({"status": "unavailable", "database": reason}, status_code=503)
    return JSONResponse({"status": "ok", "database": engine.dialect.name})
