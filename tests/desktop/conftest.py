"""Fixtures for the desktop adapters: a private session bus per test, one X display per module."""

from collections.abc import Iterator

import pytest

from tests.desktop.session_processes import private_session_bus, virtual_display


@pytest.fixture
def bus_address() -> Iterator[str]:
    with private_session_bus() as address:
        yield address


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    with virtual_display() as (display, _):
        yield display
