"""`psoas serve`: the web app and HTTP API under uvicorn."""

import ipaddress
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
    upgrade(url)  # a broken database fails here with one line, before the server starts
    settings = WebSettings(
        database_url=url,
        multi_user=multi_user,
        allowed_hosts=None if multi_user else loopback_hosts(host),
        profile_file=None if multi_user else default_profile_path(),
    )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Psoas Coach is at http://{shown}:{port}  (Ctrl+C stops it)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


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
