"""Web adapter: the FastAPI app (server-rendered pages and the /api/v1 HTTP API).

``create_app`` builds it from ``WebSettings``; ``psoas serve`` hands it to uvicorn.
"""

from psoas.web.app import create_app
from psoas.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
