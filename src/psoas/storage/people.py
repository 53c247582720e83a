"""People own every row. A local install has one, ``LOCAL_PERSON_ID``, made by the migration."""

from datetime import datetime

from sqlalchemy import Engine, insert

from psoas.storage.failures import storage_errors
from psoas.storage.tables import Person


class PeopleRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add_person(self, *, name: str, now: datetime) -> int:
        """A new person (for the web app); returns the id their rows are stored under."""
        statement = insert(Person).values(name=name, created_at=now).returning(Person.id)
        with storage_errors(self._engine), self._engine.begin() as connection:
            return connection.execute(statement).scalar_one()
