"""`psoas export`, `psoas import` and `psoas delete-all`: your data, to keep, move or erase.

Your data is your saved profiles (and the profile file the other commands read), sessions with
their steps, check-ins, imported runs and plan changes. Nothing here reads or writes a password
or an API token.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from psoas.cli.errors import fail, reports_input_errors
from psoas.cli.options import DatabaseOption
from psoas.cli.session import utc_now

STDIO = Path("-")


@reports_input_errors
def export(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The JSON file to write; - for standard output.")
    ] = STDIO,
    csv_dir: Annotated[
        Path | None,
        typer.Option("--csv", help="Write one CSV per table into this folder instead."),
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Write everything you entered to one JSON file, to keep or to import elsewhere."""
    from psoas.services.personal_data import export_csv_dir, export_json
    from psoas.services.profiles import default_profile_path, read_profile
    from psoas.storage import LOCAL_PERSON_ID, open_database

    if csv_dir is not None and out != STDIO:
        raise fail(["export: give --out for one JSON file or --csv for CSV files, not both"])
    profile_file = default_profile_path()
    profile = read_profile(profile_file) if profile_file.exists() else None
    engine = open_database(database_url)
    try:
        if csv_dir is not None:
            paths = export_csv_dir(engine, person_id=LOCAL_PERSON_ID, directory=csv_dir)
            typer.echo(f"Wrote {len(paths)} CSV files to {csv_dir}.")
            return
        text = export_json(engine, person_id=LOCAL_PERSON_ID, now=utc_now(), profile=profile)
    finally:
        engine.dispose()
    if out == STDIO:
        sys.stdout.write(text)
        return
    _write(out, text)
    typer.echo(f"Exported your data to {out}. It holds no password or token.")


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a failed write leaves any earlier file as it was."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise fail([f"export: cannot write {path}: {error.strerror}"]) from None


@reports_input_errors
def import_(
    file: Annotated[Path, typer.Argument(help="A file `psoas export` wrote; - for stdin.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete your current data and put the file's instead.")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Restore data from `psoas export`: all of it or, if anything is wrong, none of it."""
    from psoas.services.personal_data import (
        current_profile,
        describe_counts,
        import_document,
        load_document,
    )
    from psoas.services.profiles import default_profile_path, save_profile
    from psoas.storage import LOCAL_PERSON_ID, open_database

    document = load_document(_read(file), source="stdin" if file == STDIO else str(file))
    profile = current_profile(document)
    profile_file = default_profile_path()
    if profile is not None and profile_file.exists() and not replace:
        raise fail(
            [
                f"import: nothing imported: you already have a profile at {profile_file}; "
                "use --replace to replace all your data with the file's"
            ]
        )
    engine = open_database(database_url)
    try:
        counts = import_document(engine, document, person_id=LOCAL_PERSON_ID, replace=replace)
    finally:
        engine.dispose()
    typer.echo(f"Imported {describe_counts(counts)}.")
    try:
        if profile is not None:
            save_profile(profile, profile_file)
            typer.echo(f"Restored your profile to {profile_file}.")
        elif replace:
            profile_file.unlink(missing_ok=True)
    except OSError as error:
        raise fail([f"import: profile file {profile_file}: {error.strerror}"]) from None


def _read(file: Path) -> str:
    """The export's text, refused past the size an export of years of data stays under."""
    from psoas.services.documents import decode_bytes, read_capped, read_stream
    from psoas.services.personal_data import EXPORT_LIMIT_BYTES

    if file == STDIO:
        data = read_stream(sys.stdin.buffer, EXPORT_LIMIT_BYTES, source="import: stdin")
        return decode_bytes(data, source="import: stdin")
    return read_capped(file, source="import", limit_bytes=EXPORT_LIMIT_BYTES)


@reports_input_errors
def delete_all(
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask for confirmation; delete straight away.")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Delete all your data: profiles, sessions, check-ins, runs and plan changes. Asks first."""
    from psoas.services.personal_data import data_counts, delete_all_data, describe_counts
    from psoas.services.profiles import default_profile_path
    from psoas.storage import LOCAL_PERSON_ID, open_database

    profile_file = default_profile_path()
    engine = open_database(database_url)
    try:
        found = _listing(
            describe_counts(data_counts(engine, person_id=LOCAL_PERSON_ID)), profile_file
        )
        if found == "nothing":
            typer.echo("You have no data to delete.")
            return
        if not yes:
            _confirm(found)
        counts = delete_all_data(engine, person_id=LOCAL_PERSON_ID)
    finally:
        engine.dispose()
    deleted = _listing(describe_counts(counts), profile_file)
    try:
        profile_file.unlink(missing_ok=True)
    except OSError as error:
        raise fail([f"delete-all: cannot delete {profile_file}: {error.strerror}"]) from None
    typer.echo(f"Deleted {deleted}.")


def _listing(counted: str, profile_file: Path) -> str:
    """What there is: the database's records and the profile file, or 'nothing'."""
    parts = [] if counted == "nothing" else [counted]
    if profile_file.exists():
        parts.append(f"the profile file {profile_file}")
    return " and ".join(parts) or "nothing"


def _confirm(found: str) -> None:
    typer.echo(f"This deletes {found}.")
    typer.echo("It cannot be undone; `psoas export --out FILE` first keeps a copy.")
    try:
        confirmed = typer.confirm("Delete all your data?", default=False)
    except typer.Abort:
        confirmed = False
    if not confirmed:
        typer.echo("Nothing deleted.")
        raise typer.Exit(1)
