"""Your data: export it all to one JSON file (or CSV files), import it back, or delete it all.

The export holds everything a person has entered: their saved profiles (the latest is their
profile; ``profile`` is the one in force when exported, which on a local install is the profile
file the CLI reads), their sessions with each step, progress check-ins, imported runs, plan
changes, break-reminder events and break settings. It holds no account credentials: no password
or API token (nor their hashes) and no browser logins. ``person`` only names whose data it was
(for an account, the name is its username) and is not imported: the data lands in whichever
person imports it.

An import is checked whole before anything is written, then written in one transaction: a bad
file changes nothing. Ids in the file are replaced by new ones, keeping every link (steps to
their session, plan changes to the check-ins, sessions and runs they rest on).
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    AwareDatetime,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from sqlalchemy import Engine

from psoas.catalogue import load_catalogue
from psoas.domain.activity import ActivitySummary
from psoas.domain.base import Frozen
from psoas.domain.breaks import BreakEvent, BreakSettings
from psoas.domain.plan import Plan
from psoas.domain.problems import problems_from
from psoas.domain.profile import Profile
from psoas.domain.progress import ProgressCheckIn, Score
from psoas.domain.progression import ChangeKind, PlanChange
from psoas.domain.session import SessionError
from psoas.rules.session_steps import steps_for_session
from psoas.services.documents import MB, decode_json, storable_problems
from psoas.services.errors import InputError
from psoas.storage import Feel, FinishStatus, PersonalDataRepository, Side, StepOutcome

EXPORT_FORMAT: Final = "psoas-coach-export"
EXPORT_VERSION: Final = 1
TABLES: Final = ("profiles", "sessions", "check_ins", "runs", "plan_changes", "break_events")
NOUNS: Final = {
    "profiles": ("saved profile", "saved profiles"),
    "sessions": ("session", "sessions"),
    "session_steps": ("session step", "session steps"),
    "check_ins": ("check-in", "check-ins"),
    "runs": ("run", "runs"),
    "plan_changes": ("plan change", "plan changes"),
    "break_events": ("break-reminder event", "break-reminder events"),
    "break_settings": ("set of break settings", "sets of break settings"),
}

# An export of years of data is a few MB (the web's upload limit for one is the same).
EXPORT_LIMIT_BYTES: Final = 50 * MB
# Doses no plan comes near (the library's largest is 4 sets, 120 s, 15 reps); a plan past them
# would make thousands of steps for every read of the session.
MAX_SETS: Final = 20
MAX_SECONDS: Final = 3600
MAX_REPS: Final = 200

# Text cells that spreadsheets read as formulas (OWASP's list for CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Line = Annotated[str, StringConstraints(min_length=1)]


class PersonRecord(Frozen):
    """Whose data it was, to tell files apart; the account itself is never exported."""

    name: str


class ProfileRecord(Frozen):
    id: Id
    data: Profile
    saved_at: AwareDatetime


class StepRecord(Frozen):
    step_index: Annotated[int, Field(ge=0, le=9_999)]
    exercise_id: Annotated[Line, StringConstraints(max_length=100)]
    side: Side | None
    set_number: Annotated[int, Field(ge=1, le=MAX_SETS)]
    outcome: StepOutcome
    skip_reason: str | None
    recorded_at: AwareDatetime

    @model_validator(mode="after")
    def _reason_only_when_skipped(self) -> Self:
        if self.outcome != "skipped" and self.skip_reason is not None:
            raise ValueError("skip_reason: only a skipped step has one")
        return self


class SessionRecord(Frozen):
    id: Id
    plan_day: Annotated[int, Field(ge=1, le=7)]
    started_at: AwareDatetime
    ended_at: AwareDatetime | None
    status: Literal["in-progress"] | FinishStatus
    planned_steps: Annotated[int, Field(ge=0, le=10_000)]
    pain_before: Score | None
    pain_after: Score | None
    feel: Feel | None
    note: str | None
    plan: Plan
    steps: tuple[StepRecord, ...] = ()

    @model_validator(mode="after")
    def _steps_fit_the_plan(self) -> Self:
        indexes = [step.step_index for step in self.steps]
        if len(indexes) != len(set(indexes)):
            raise ValueError("steps: each step_index may appear once")
        if any(index >= self.planned_steps for index in indexes):
            raise ValueError(f"steps: a step_index is beyond the {self.planned_steps} planned")
        return self

    @field_validator("plan")
    @classmethod
    def _doses_in_reason(cls, plan: Plan) -> Plan:
        for phase in plan.phases:
            for item in phase.items:
                if not (
                    0 <= item.sets <= MAX_SETS
                    and 0 <= item.seconds <= MAX_SECONDS
                    and 0 <= (item.reps or 0) <= MAX_REPS
                ):
                    raise ValueError(
                        f"{item.exercise}: a dose must be at most {MAX_SETS} sets, "
                        f"{MAX_SECONDS} s and {MAX_REPS} reps (got {item.sets} sets, "
                        f"{item.seconds} s, {item.reps} reps)"
                    )
        return plan

    @model_validator(mode="after")
    def _plan_replays(self) -> Self:
        """Reading a session back replays its plan into steps: it must replay to the same count."""
        try:
            steps = steps_for_session(self.plan, load_catalogue(), self.plan_day, time_scale=1.0)
        except SessionError as error:
            raise ValueError(f"plan: {error}") from None
        if len(steps) != self.planned_steps:
            raise ValueError(
                f"planned_steps: the plan makes {len(steps)} steps on day {self.plan_day}, "
                f"not {self.planned_steps}"
            )
        return self


class CheckInRecord(Frozen):
    id: Id
    day: date
    pain_now: Score
    data: ProgressCheckIn
    recorded_at: AwareDatetime

    @model_validator(mode="after")
    def _columns_match_data(self) -> Self:
        if (self.day, self.pain_now) != (self.data.on, self.data.pain_now):
            raise ValueError("day and pain_now must equal data.on and data.pain_now")
        return self


class RunRecord(ActivitySummary):
    id: Id
    day: date
    file_name: Annotated[Line, StringConstraints(max_length=255)]
    imported_at: AwareDatetime


class PlanChangeRecord(Frozen):
    id: Id
    day: date
    kind: ChangeKind
    data: PlanChange
    recorded_at: AwareDatetime

    @model_validator(mode="after")
    def _columns_match_data(self) -> Self:
        if (self.day, self.kind) != (self.data.on, self.data.kind):
            raise ValueError("day and kind must equal data.on and data.kind")
        return self


class BreakEventRecord(BreakEvent):
    id: Id


class BreakSettingsRecord(Frozen):
    data: BreakSettings
    updated_at: AwareDatetime


class ExportDocument(Frozen):
    """A whole export, as ``psoas export`` writes it and ``psoas import`` reads it."""

    format: Literal["psoas-coach-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    person: PersonRecord | None = None  # whose data it was; not imported
    profile: Profile | None = None
    profiles: tuple[ProfileRecord, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    check_ins: tuple[CheckInRecord, ...] = ()
    runs: tuple[RunRecord, ...] = ()
    plan_changes: tuple[PlanChangeRecord, ...] = ()
    break_events: tuple[BreakEventRecord, ...] = ()
    # A list of at most one, like the other tables: absent settings mean the defaults.
    break_settings: tuple[BreakSettingsRecord, ...] = Field(default=(), max_length=1)

    @model_validator(mode="after")
    def _values_storable(self) -> Self:
        """Every integer fits a database column, every number is finite and bounded, every day
        and time is in range, no string holds a NUL or a lone surrogate. (Not checked before
        validation: a before-validator would make the API's strict JSON reading a Python one.)"""
        problems = storable_problems(self)
        if problems:
            raise ValueError("; ".join(map(str, problems)))
        return self

    @field_validator(*TABLES)
    @classmethod
    def _ids_distinct(cls, records: tuple[Any, ...]) -> tuple[Any, ...]:
        seen: set[int] = set()
        for record in records:
            if record.id in seen:
                raise ValueError(f"id {record.id} appears more than once")
            seen.add(record.id)
        return records


def export_document(
    engine: Engine, *, person_id: int, now: datetime, profile: Profile | None = None
) -> dict[str, Any]:
    """Everything the person has, JSON-ready. ``profile`` is the one in force (the CLI's
    profile file); without it, the latest saved profile."""
    repository = PersonalDataRepository(engine)
    tables = repository.dump(person_id=person_id)
    current = profile.model_dump(mode="json") if profile is not None else _latest(tables)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now.astimezone(UTC).isoformat(),
        "person": {"name": repository.person_name(person_id=person_id) or ""},
        "profile": current,
        **tables,
    }


def export_json(
    engine: Engine, *, person_id: int, now: datetime, profile: Profile | None = None
) -> str:
    document = export_document(engine, person_id=person_id, now=now, profile=profile)
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _latest(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    profiles = tables["profiles"]
    if not profiles:
        return None
    latest = max(profiles, key=lambda row: (datetime.fromisoformat(row["saved_at"]), row["id"]))
    data: dict[str, Any] = latest["data"]
    return data


def load_document(text: str, *, source: str = "export") -> ExportDocument:
    """Decode and check a JSON export; InputError names the line, or each bad field."""
    return parse_document(decode_json(text, source=source), source=source)


def parse_document(data: Any, *, source: str = "export") -> ExportDocument:
    if not isinstance(data, dict):
        raise InputError([f"{source}: expected a JSON object written by `psoas export`"])
    if data.get("format") != EXPORT_FORMAT:
        raise InputError(
            [
                f"{source}: format: not a Psoas Coach export (expected {EXPORT_FORMAT!r}, "
                f"got {data.get('format')!r})"
            ]
        )
    version = data.get("version")
    if type(version) is not int or version != EXPORT_VERSION:  # true is no version
        hint = "; upgrade psoas to read it" if _is_newer(version) else ""
        problem = f"version: this psoas reads version {EXPORT_VERSION} (got {version!r}){hint}"
        raise InputError([f"{source}: {problem}"])
    try:
        return ExportDocument.model_validate(data)
    except ValidationError as error:
        # The whole-document checks name the field in their message; their input is everything.
        problems = [
            p.message if not p.field else str(p) for p in problems_from(error, ExportDocument)
        ]
        raise InputError([f"{source}: {problem}" for problem in problems]) from None


def _is_newer(version: object) -> bool:
    return type(version) is int and version > EXPORT_VERSION


def current_profile(document: ExportDocument) -> Profile | None:
    """The profile in force when the file was exported: ``profile``, else the latest saved."""
    if document.profile is not None or not document.profiles:
        return document.profile
    # The latest saved; of two saved at once, the later in the file (as storage decides).
    _, latest = max(enumerate(document.profiles), key=lambda pair: (pair[1].saved_at, pair[0]))
    return latest.data


def import_document(
    engine: Engine, document: ExportDocument, *, person_id: int, replace: bool
) -> dict[str, int]:
    """Write the document's records for the person, all or nothing; counts per table.

    Refused when the person already has data, unless ``replace`` (which deletes it first, in the
    same transaction).
    """
    repository = PersonalDataRepository(engine)
    if not replace:
        existing = repository.counts(person_id=person_id)
        if any(existing.values()):
            raise InputError(
                [
                    f"import: nothing imported: you already have {describe_counts(existing)}; "
                    "use --replace to replace all of it with the file's"
                ]
            )
    tables = document.model_dump(mode="json", include={*TABLES, "break_settings"})
    return repository.restore(person_id=person_id, tables=tables, replace=replace)


def data_counts(engine: Engine, *, person_id: int) -> dict[str, int]:
    return PersonalDataRepository(engine).counts(person_id=person_id)


def delete_all_data(engine: Engine, *, person_id: int) -> dict[str, int]:
    """Delete all the person's records in one transaction (the account stays); counts per table."""
    return PersonalDataRepository(engine).delete_all(person_id=person_id)


def describe_counts(counts: dict[str, int]) -> str:
    """'2 saved profiles, 1 session, ...' leaving out the tables with none; 'nothing' if empty."""
    parts = [f"{n} {NOUNS[name][n != 1]}" for name, n in counts.items() if n]
    return ", ".join(parts) or "nothing"


def csv_tables(engine: Engine, *, person_id: int) -> dict[str, str]:
    """One CSV text per table, by file name: a header row, then one row per record.

    JSON columns (profile and check-in data, plan snapshots, notes) hold JSON text; an empty cell
    is a missing value; true and false are spelt so. Text a spreadsheet would run as a formula
    (starting with =, +, -, @, a tab or a carriage return) starts with an apostrophe.
    """
    tables = PersonalDataRepository(engine).dump(person_id=person_id)
    rows: dict[str, list[dict[str, Any]]] = {
        **tables,
        "session_steps": [
            {"session_id": session["id"], **step}
            for session in tables["sessions"]
            for step in session["steps"]
        ],
    }
    return {
        f"{name}.csv": _csv(columns, rows[name])
        for name, columns in PersonalDataRepository.COLUMNS.items()
    }


def export_csv_zip(engine: Engine, *, person_id: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(engine, person_id=person_id).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def export_csv_dir(engine: Engine, *, person_id: int, directory: Path) -> list[Path]:
    """Write the CSV files into ``directory`` (made if missing, files replaced)."""
    tables = csv_tables(engine, person_id=person_id)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in tables.items():
            path = directory / name
            path.write_text(text, encoding="utf-8", newline="")
            written.append(path)
    except OSError as error:
        raise InputError([f"export: cannot write to {directory}: {error.strerror}"]) from None
    return written


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(row[column]) for column in columns] for row in rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # A spreadsheet would run it as a formula (=HYPERLINK(...) in a note): a leading
        # apostrophe makes it text there, and reads as one to a person.
        return "'" + value
    return str(value)
