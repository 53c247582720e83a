"""The tables. Every row belongs to a person so that a later web app can share the schema.

Vocabularies (status, outcome, feel, side) are strings with CHECK constraints rather than native
enums: the same migration works on SQLite and PostgreSQL, and adding a value is one constraint.
The plan is copied into each session as JSON so history and resume still make sense after the
exercise content changes.
"""

from datetime import UTC, date, datetime
from typing import Any, ClassVar, Literal, get_args

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SessionStatus = Literal["in-progress", "partial", "completed"]
StepOutcome = Literal["done", "skipped"]
Feel = Literal["tighter", "same", "looser"]
Side = Literal["left", "right"]
ChangeKindColumn = Literal[
    "progress", "step-back", "stop", "resume", "ladder-start", "ladder-up", "ladder-down"
]
ActivityFormat = Literal["gpx", "tcx", "fit"]
SportColumn = Literal["running", "walking", "hiking", "cycling", "swimming", "other", "unknown"]
TerrainColumn = Literal["flat", "rolling", "hilly", "unknown"]
BreakEventKindColumn = Literal["prompted", "taken", "natural", "snoozed", "skipped"]
BreakModeColumn = Literal["desk", "drive"]
# Who moves a break timer on: the desktop reminder process, or a web page that is open.
TimerDriver = Literal["desktop", "browser"]

# The single person of a local install; created by the first migration, so it always exists.
LOCAL_PERSON_ID = 1
LOCAL_PERSON_NAME = "local"

# Named constraints, so later migrations can refer to them (and SQLite batch mode can rebuild).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out on both dialects (SQLite would otherwise drop the zone).

    A naive datetime is refused: its meaning depends on the machine that wrote it.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass an aware UTC time")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
    }


class Person(Base):
    """Someone whose rows these are. The local person has no username and cannot sign in.

    Only hashes are stored: an argon2 hash of the password, and a SHA-256 of the API token (a
    random 256-bit token needs no slow hash; a leaked table still cannot be used to call the API).
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    username: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class LoginRow(Base):
    """A signed-in browser: the cookie holds a random token, this table only its SHA-256."""

    __tablename__ = "logins"
    __table_args__ = (Index(None, "person_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ThrottleRow(Base):
    """Failed sign-ins (and sign-ups) counted per key in a fixed window, shared by every server
    process. The key is a SHA-256 of what is counted (a username, an address), so a row has the
    same small size whatever a client sends; rows whose window has passed are swept."""

    __tablename__ = "sign_in_throttle"
    __table_args__ = (Index(None, "window_started_at"),)

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[int]
    window_started_at: Mapped[datetime]


class ProfileRow(Base):
    """Every saved check-in is kept; the latest one is the person's profile."""

    __tablename__ = "profiles"
    __table_args__ = (Index(None, "person_id", "saved_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    data: Mapped[dict[str, Any]]
    saved_at: Mapped[datetime]


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(one_of("status", get_args(SessionStatus)), name="status"),
        CheckConstraint(one_of("feel", get_args(Feel)), name="feel"),
        CheckConstraint("plan_day >= 1", name="plan_day"),
        CheckConstraint("planned_steps >= 0", name="planned_steps"),
        CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after"),
        Index(None, "person_id", "started_at"),
        # A device's own key for a session it started offline: sending it again finds the same.
        Index("uq_sessions_person_id_client_key", "person_id", "client_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    client_key: Mapped[str | None] = mapped_column(String(64))
    plan_day: Mapped[int]
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20))
    planned_steps: Mapped[int]
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    feel: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    plan: Mapped[dict[str, Any]]


class StepRow(Base):
    """One set of one exercise (on one side). The key makes recording a step idempotent."""

    __tablename__ = "session_steps"
    __table_args__ = (
        CheckConstraint(one_of("outcome", get_args(StepOutcome)), name="outcome"),
        CheckConstraint(one_of("side", get_args(Side)), name="side"),
        CheckConstraint("step_index >= 0", name="step_index"),
        CheckConstraint("set_number >= 1", name="set_number"),
        CheckConstraint("outcome = 'skipped' OR skip_reason IS NULL", name="skip_reason"),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    step_index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    exercise_id: Mapped[str] = mapped_column(String(100))
    side: Mapped[str | None] = mapped_column(String(10))
    set_number: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(10))
    skip_reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]


class CheckInRow(Base):
    """A progress check-in. Pain now has its own column for charts and queries; the whole
    check-in is kept as JSON so new questions need no migration."""

    __tablename__ = "check_ins"
    __table_args__ = (
        CheckConstraint("pain_now BETWEEN 0 AND 10", name="pain_now"),
        Index(None, "person_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date]
    pain_now: Mapped[int]
    data: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]


class ActivityRow(Base):
    """An imported activity: its summary only; the file itself is not kept."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint(one_of("format", get_args(ActivityFormat)), name="format"),
        CheckConstraint("distance_m >= 0", name="distance_m"),
        CheckConstraint("elevation_gain_m >= 0", name="elevation_gain_m"),
        CheckConstraint(one_of("sport", get_args(SportColumn)), name="sport"),
        CheckConstraint(one_of("terrain", get_args(TerrainColumn)), name="terrain"),
        Index(None, "person_id", "day"),
        # Finding an activity imported before: same person, start and sport.
        Index(None, "person_id", "started_at", "sport"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date]
    started_at: Mapped[datetime | None]
    format: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(255))
    distance_m: Mapped[float] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    max_sustained_grade_pct: Mapped[float | None] = mapped_column(Float)
    hilly: Mapped[bool | None] = mapped_column(Boolean)  # None: the file has no elevation
    sport: Mapped[str] = mapped_column(String(10))
    terrain: Mapped[str] = mapped_column(String(10))
    device_elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    moving_time_s: Mapped[float | None] = mapped_column(Float)
    point_count: Mapped[int]
    notes: Mapped[list[str]] = mapped_column(JSON)
    imported_at: Mapped[datetime]


class PlanChangeRow(Base):
    """One change the progression rules or the ladder made, with its reason and evidence."""

    __tablename__ = "plan_changes"
    __table_args__ = (
        CheckConstraint(one_of("kind", get_args(ChangeKindColumn)), name="kind"),
        Index(None, "person_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]


class BreakSettingsRow(Base):
    """A person's break-reminder settings (one row; absent means the defaults)."""

    __tablename__ = "break_settings"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class BreakTimerRow(Base):
    """A running break timer: its state, who drives it and when that driver was last seen.

    `version` guards read-modify-write: the reminder process and an answer from the CLI or the
    web may step the same timer at the same moment, and the later write must not undo the other.
    """

    __tablename__ = "break_timers"
    __table_args__ = (CheckConstraint(one_of("driver", get_args(TimerDriver)), name="driver"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    driver: Mapped[str] = mapped_column(String(10))
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer)
    heartbeat_at: Mapped[datetime]
    # The desktop process: its id and how it watches and reminds, for `psoas breaks status`.
    pid: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]]


class BreakEventRow(Base):
    """One thing that happened to a reminder, counted per day in the statistics."""

    __tablename__ = "break_events"
    __table_args__ = (
        CheckConstraint(one_of("kind", get_args(BreakEventKindColumn)), name="kind"),
        CheckConstraint(one_of("mode", get_args(BreakModeColumn)), name="mode"),
        Index(None, "person_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date]
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(10))
    minutes: Mapped[int | None] = mapped_column(Integer)
