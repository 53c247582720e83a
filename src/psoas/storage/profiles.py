"""The check-in profile: every save is kept, the latest one counts."""

from datetime import datetime

from sqlalchemy import Engine, delete, func, insert, select

from psoas.domain.profile import Profile
from psoas.storage.failures import storage_errors, stored
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
        # The check-in may have changed since this profile was saved (a value was retired).
        return stored(
            self._engine,
            Profile,
            row.data,
            f"the profile saved at {row.saved_at.isoformat()} no longer fits the check-in",
            advice="; run `psoas check-in` again",
        )

    def latest_saved_at(self, *, person_id: int) -> datetime | None:
        """When the latest check-in was saved: progress check-ins count from then on."""
        statement = select(func.max(ProfileRow.saved_at)).where(ProfileRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            saved: datetime | None = connection.execute(statement).scalar_one_or_none()
        return saved

    def pain_scores(
        self, *, person_id: int, since: datetime | None = None
    ) -> list[tuple[datetime, int]]:
        """When each check-in was saved and the pain right now it gave, oldest first: the first
        pain score of all is in the check-in, before any progress check-in."""
        statement = select(ProfileRow.saved_at, ProfileRow.data).where(
            ProfileRow.person_id == person_id
        )
        if since is not None:
            statement = statement.where(ProfileRow.saved_at >= since)
        statement = statement.order_by(ProfileRow.saved_at, ProfileRow.id)
        with storage_errors(self._engine), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        # A check-in is validated when saved; a hand-edited one without a whole number is left
        # out of a chart rather than breaking the page.
        scores = [(row.saved_at, row.data.get("pain_now")) for row in rows]
        return [(saved_at, pain) for saved_at, pain in scores if type(pain) is int]

    def delete_profiles(self, *, person_id: int) -> int:
        """Forget every saved check-in of this person's; returns how many there were."""
        statement = delete(ProfileRow).where(ProfileRow.person_id == person_id)
        with storage_errors(self._engine), self._engine.begin() as connection:
            return connection.execute(statement).rowcount
