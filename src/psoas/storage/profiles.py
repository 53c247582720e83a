"""The check-in profile: every save is kept, the latest one counts."""

from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import Engine, delete, insert, select

from psoas.domain.profile import Profile
from psoas.storage.errors import StorageError
from psoas.storage.failures import describe, storage_errors
from psoas.storage.tables import ProfileRow


class ProfileRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def save_profile(self, *, person_id: int, profile: Profile, now: datetime) -> None:
        """Append, not overwrite: earlier answers stay for a later "what changed" view."""
        statement = insert(ProfileRow).values(
            person_id=person_id, data=profile.model_dump(mode="json"), saved_at=now
        )
        with storage_errors(self._engine), self._engine.begin() as connection:
            connection.execute(statement)

    def latest_profile(self, *, person_id: int) -> Profile | None:
        statement = (
            select(ProfileRow.data, ProfileRow.saved_at)
            .where(ProfileRow.person_id == person_id)
            .order_by(ProfileRow.saved_at.desc(), ProfileRow.id.desc())
            .limit(1)
        )
        with storage_errors(self._engine), self._engine.connect() as connection:
            row = connection.execute(statement).one_or_none()
        if row is None:
            return None
        try:
            return Profile.model_validate(row.data)
        except ValidationError as error:
            # The check-in changed since this profile was saved (a value was retired).
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "profile"
            raise StorageError(
                f"database: {describe(self._engine)}: the profile saved at "
                f"{row.saved_at.isoformat()} no longer fits the check-in "
                f"({field}: {first['msg']}); run `psoas check-in` again"
            ) from None

    def delete_profiles(self, *, person_id: int) -> int:
        """Forget every saved check-in of this person's; returns how many there were."""
        statement = delete(ProfileRow).where(ProfileRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.begin() as connection:
            return connection.execute(statement).rowcount
