"""`psoas serve`: the web app and HTTP API under uvicorn."""

import ipaddress
import os
import socket
from typing import Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@reports_input_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: DatabaseOption = None,
    multi_user: Annotated[
        bool,
        typer.Option(
            "--multi-user",
            help="Accounts with sign-in, for a clinic or team; needed beyond this machine.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes serving requests: more than 1 only with --multi-user on PostgreSQL.",
        ),
    ] = 1,
) -> None:
    """Serve the web app: check-in, plan, guided sessions, history, and the API at /api/v1."""
    if not multi_user and not is_loopback(host):
        raise fail(
            [
                f"--host: {host} is reachable from other machines, and without --multi-user "
                "there is no sign-in; use 127.0.0.1 (the default), or add --multi-user"
            ]
        )
    _check_port_free(host, port)
    import uvicorn

    from psoas.services.profiles import default_profile_path
    from psoas.storage import database_url as resolve
    from psoas.storage import upgrade
    from psoas.web import WebSettings, create_app
    from psoas.web.settings import loopback_hosts

    url = resolve(database_url)
    _check_workers(workers, multi_user=multi_user, url=url)
    upgrade(url)  # a broken database fails here with one line, before the server starts
    settings = WebSettings(
        database_url=url,
        multi_user=multi_user,
        allowed_hosts=None if multi_user else loopback_hosts(host),
        profile_file=None if multi_user else default_profile_path(),
    )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Psoas Coach is at http://{shown}:{port}  (Ctrl+C stops it)")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    from psoas.web.worker_app import DATABASE_URL_ENV, IMPORT_STRING

    # Each worker is a new process that builds its own app: the settings go by environment.
    os.environ[DATABASE_URL_ENV] = url
    uvicorn.run(
        IMPORT_STRING, factory=True, workers=workers, host=host, port=port, log_level="warning"
    )


def _check_workers(workers: int, *, multi_user: bool, url: str) -> None:
    """Our choice, because: a single-person server (and SQLite, which takes one writer at a
    time) gains nothing from more processes, while its profile file and the break reminder
    expect one; a multi-user server on PostgreSQL keeps all its state in the database."""
    if workers == 1:
        return
    postgres = url.startswith(("postgresql:", "postgresql+", "postgres:"))
    if not (multi_user and postgres):
        has = "" if multi_user else "single-person "
        database = "PostgreSQL" if postgres else "SQLite"
        raise fail(
            [
                f"--workers: {workers} is for a multi-user server on PostgreSQL, and this is "
                f"a {has}server on {database}; use --workers 1 (the default), or --multi-user "
                "with a postgresql:// --database-url"
            ]
        )


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise fail(
                [
                    f"--port: cannot listen on {host}:{port} ({error.strerror}); "
                    "choose another --port"
                ]
            ) from None
