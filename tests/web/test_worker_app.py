"""What each `psoas serve --workers N` process builds: the multi-user app on the database named
in the environment (tests/cli/test_serve.py starts real workers)."""

import pytest

from psoas.web.worker_app import DATABASE_URL_ENV, app_from_environment


def test_a_worker_builds_the_multi_user_app_on_the_named_database(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, database_url)
    app = app_from_environment()
    settings = app.state.settings
    assert settings.database_url == database_url
    assert settings.multi_user
    assert settings.allowed_hosts is None
    assert settings.profile_file is None


def test_without_the_setting_a_worker_says_how_to_start_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    with pytest.raises(RuntimeError, match="start workers with `psoas serve`"):
        app_from_environment()
