"""The app each worker process of ``psoas serve --workers N`` builds for itself.

uvicorn starts workers as new processes that import the app by name, so the settings travel
in the environment, set by ``psoas serve`` before it starts them. Only the multi-user server
has workers: everything it keeps between requests (accounts, sign-ins, the sign-in throttle)
lives in the database, which every worker shares.
"""

import os

from fastapi import FastAPI

from psoas.web.app import create_app
from psoas.web.settings import WebSettings

DATABASE_URL_ENV = "PSOAS_WORKER_DATABASE_URL"
IMPORT_STRING = "psoas.web.worker_app:app_from_environment"


def app_from_environment() -> FastAPI:
    """uvicorn's factory (``--factory``): a multi-user app on the database named in the
    environment."""
    url = os.environ.get(DATABASE_URL_ENV)
    if not url:
        raise RuntimeError(f"{DATABASE_URL_ENV} is not set: start workers with `psoas serve`")
    return create_app(WebSettings(database_url=url, multi_user=True, allowed_hosts=None))
