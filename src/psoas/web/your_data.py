"""Your data as the web offers it (the pages and the API): check-ins, import and delete.

In single-person mode the web also keeps the profile file the CLI reads, so it goes along: a
check-in (the page or ``PUT /api/v1/profile``) and an import write it, and deleting removes it,
so `psoas plan` and the web keep showing the same plan. A shared server has no such file.
"""

from pathlib import Path

from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.services.personal_data import (
    ExportDocument,
    current_profile,
    delete_all_data,
    import_document,
)
from psoas.services.profiles import save_profile
from psoas.storage import ProfileRepository
from psoas.web.settings import WebSettings


def profile_file(settings: WebSettings) -> Path | None:
    """The CLI's profile file this server keeps in step, if any."""
    return None if settings.multi_user else settings.profile_file


def save_check_in(
    engine: Engine, settings: WebSettings, profile: Profile, *, person_id: int
) -> None:
    ProfileRepository(engine).save_profile(
        person_id=person_id, profile=profile, now=settings.clock()
    )
    path = profile_file(settings)
    if path is not None:
        save_profile(profile, path)


def forget_check_ins(engine: Engine, settings: WebSettings, *, person_id: int) -> int:
    """Delete every saved check-in; the number deleted (0: there was none)."""
    deleted = ProfileRepository(engine).delete_profiles(person_id=person_id)
    path = profile_file(settings)
    if path is not None:
        path.unlink(missing_ok=True)
    return deleted


def import_data(
    engine: Engine,
    settings: WebSettings,
    document: ExportDocument,
    *,
    person_id: int,
    replace: bool,
) -> dict[str, int]:
    counts = import_document(engine, document, person_id=person_id, replace=replace)
    path = profile_file(settings)
    profile = current_profile(document)
    if path is not None and profile is not None:
        save_profile(profile, path)
    return counts


def delete_data(engine: Engine, settings: WebSettings, *, person_id: int) -> dict[str, int]:
    counts = delete_all_data(engine, person_id=person_id)
    path = profile_file(settings)
    if path is not None:
        path.unlink(missing_ok=True)
    return counts
