from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect, select, text

from psoas.storage import LOCAL_PERSON_ID, create_engine_for, upgrade
from psoas.storage.tables import Base, Person

TABLES = {
    "people",
    "profiles",
    "sessions",
    "session_steps",
    "logins",
    "check_ins",
    "activities",
    "plan_changes",
    "break_settings",
    "break_timers",
    "break_events",
    "sign_in_throttle",
}


def test_upgrade_creates_the_tables_and_the_local_person(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = create_engine_for(empty_database_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as connection:
            people = connection.execute(select(Person.id, Person.name)).all()
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert [tuple(person) for person in people] == [(LOCAL_PERSON_ID, "local")]
        assert revision == [("0007",)]
    finally:
        engine.dispose()


def test_upgrading_an_up_to_date_database_changes_nothing(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(select(Person.id)).scalars().all() == [LOCAL_PERSON_ID]
    finally:
        engine.dispose()


def test_the_migrations_build_exactly_what_the_models_describe(database_url: str) -> None:
    """A column added to tables.py without a migration fails here."""
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_check_constraints_carry_the_names_the_models_give_them(database_url: str) -> None:
    """Later migrations drop or alter constraints by name, so the names must be as expected."""
    engine = create_engine_for(database_url)
    try:
        inspector = inspect(engine)
        for table in Base.metadata.sorted_tables:
            built = {check["name"] for check in inspector.get_check_constraints(table.name)}
            declared = {
                constraint.name
                for constraint in table.constraints
                if isinstance(constraint, CheckConstraint)
            }
            assert built == declared, table.name
    finally:
        engine.dispose()


def test_0006_keeps_runs_stored_before_with_their_terrain_as_judged_then(
    empty_database_url: str,
) -> None:
    """Runs imported before sports were read become the sport "unknown" (counted as runs, as
    they were) and terrain hilly, flat or unknown from `hilly`; downgrading drops the columns."""
    from alembic import command
    from alembic.config import Config

    from psoas.storage.database import MIGRATIONS

    engine = create_engine_for(empty_database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0004")
        with engine.begin() as connection:
            for run_id, hilly in ((1, True), (2, False), (3, None)):
                connection.execute(
                    text(
                        "INSERT INTO activities (id, person_id, day, started_at, format, "
                        "file_name, distance_m, hilly, point_count, notes, imported_at) VALUES "
                        "(:id, :person, '2026-01-01', NULL, 'gpx', 'run.gpx', 1000, :hilly, 10, "
                        "'[]', '2026-01-01 08:00:00+00:00')"
                    ),
                    {"id": run_id, "person": LOCAL_PERSON_ID, "hilly": hilly},
                )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, sport, terrain FROM activities ORDER BY id")
            ).all()
        assert [tuple(row) for row in rows] == [
            (1, "unknown", "hilly"),
            (2, "unknown", "flat"),
            (3, "unknown", "unknown"),
        ]
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
        columns = {column["name"] for column in inspect(engine).get_columns("activities")}
        assert {"sport", "terrain", "device_elevation_gain_m", "moving_time_s"}.isdisjoint(columns)
    finally:
        engine.dispose()
