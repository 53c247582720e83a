"""What people download: .gz and .zip (bounded against bombs), blank lines before <?xml, and files
holding several activities."""

import gzip
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.activities import ActivityFileError, archive, read_activities, read_activity
from psoas.domain.activity import ActivitySummary, TerrainParameters
from tests.activities.conftest import (
    GPX_NS,
    START,
    TCX_NS,
    fit_bytes,
    gpx_text,
    run,
    tcx_text,
    terrain_parameters,
)

GPX = gpx_text(run(1000)).encode()
PARAMETERS = terrain_parameters()  # hypothesis wants no function-scoped fixtures


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def read(
    data: bytes, parameters: TerrainParameters, name: str = "upload"
) -> tuple[ActivitySummary, ...]:
    return read_activities(io.BytesIO(data), parameters=parameters, name=name)


def test_blank_lines_before_the_xml_declaration_are_accepted(parameters: TerrainParameters) -> None:
    plain = read(GPX, parameters)
    assert read(b"\r\n   \n\t" + GPX, parameters) == plain
    assert read(b"\n\n" + tcx_text(run(1000)).encode(), parameters)


def test_a_gzipped_file_reads_as_the_file(parameters: TerrainParameters) -> None:
    assert read(gzip.compress(GPX), parameters, "run.gpx.gz") == read(GPX, parameters, "run.gpx")
    assert read(gzip.compress(fit_bytes(run(1000))), parameters)


def test_a_zip_gives_every_activity_file_inside_and_skips_the_rest(
    parameters: TerrainParameters,
) -> None:
    data = zipped(
        {
            "readme.txt": b"exported",
            "a/run.gpx": GPX,
            "b/run.fit.gz": gzip.compress(fit_bytes(run(1000))),
            "__MACOSX/a/._run.gpx": b"junk",
        }
    )
    gpx_run, fit_run = read(data, parameters, "export.zip")
    assert (gpx_run,) == read(GPX, parameters)
    assert fit_run.format == "fit"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (zipped({"notes.txt": b"hello"}), "no .fit, .gpx or .tcx file"),
        (zipped({f"{i}.gpx": GPX for i in range(archive.MAX_MEMBERS + 1)}), "at most 100"),
        (zipped({"inner.zip": zipped({"run.gpx": GPX})}), "no .fit, .gpx or .tcx"),
        (gzip.compress(GPX)[:-20], "damaged or cut short"),
        (b"PK\x03\x04" + b"\x00" * 40, "zip file is damaged"),
        (gzip.compress(gzip.compress(gzip.compress(GPX))), "archive inside an archive"),
    ],
)
def test_bad_archives_are_refused_in_words(
    parameters: TerrainParameters, data: bytes, words: str
) -> None:
    with pytest.raises(ActivityFileError, match=words):
        read(data, parameters, "upload")


def test_an_archive_unpacking_past_the_cap_is_refused_as_a_bomb(
    parameters: TerrainParameters, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1024 * 1024)
    padding = b"<!--" + b" " * (3 * 1024 * 1024) + b"-->"
    bomb = GPX.replace(b"<trk>", padding + b"<trk>")
    assert len(gzip.compress(bomb)) < 20_000
    for data in (gzip.compress(bomb), zipped({"run.gpx": bomb})):
        with pytest.raises(ActivityFileError, match="zip bomb"):
            read(data, parameters)


def test_each_tcx_activity_is_its_own_activity_with_its_sport(
    parameters: TerrainParameters,
) -> None:
    ride = tcx_text(run(1000)).replace('Sport="Running"', 'Sport="Biking"')
    later = tcx_text(run(1000, spacing_m=5)).replace(START.isoformat()[:10], "2024-06-01")
    body = ride.split("<Activities>")[1].split("</Activities>")[0]
    body += later.split("<Activities>")[1].split("</Activities>")[0]
    text = (
        f'<?xml version="1.0"?><TrainingCenterDatabase xmlns="{TCX_NS}"><Activities>'
        f"{body}</Activities></TrainingCenterDatabase>"
    )
    ridden, ran = read(text.encode(), parameters)
    assert (ridden.sport, ridden.counts_as) == ("cycling", "cross-training")
    assert (ran.sport, ran.counts_as) == ("running", "run")
    with pytest.raises(ActivityFileError, match="2 activities"):
        read_activity(io.BytesIO(text.encode()), parameters=parameters)


def test_gpx_tracks_on_other_days_or_sports_are_separate_and_same_day_tracks_join(
    parameters: TerrainParameters,
) -> None:
    def track(day: str, kind: str) -> str:
        text = gpx_text(run(1000)).replace("2024-05-01", day)
        body = text.split("<trk>")[1].split("</trk>")[0]
        return f"<trk><type>{kind}</type>{body}</trk>"

    tracks = track("2024-05-01", "running") + track("2024-05-01", "running")
    tracks += track("2024-05-03", "running") + track("2024-05-03", "Ride")
    text = f'<?xml version="1.0"?><gpx version="1.1" xmlns="{GPX_NS}">{tracks}</gpx>'
    found = read(text.encode(), parameters)
    assert [a.sport for a in found] == ["running", "running", "cycling"]
    joined = found[0]
    # The same 1 km twice, never the straight line back to the start between them.
    assert joined.distance_m == pytest.approx(2000, abs=5)


def test_an_empty_tcx_activity_lends_its_sport_to_no_other(parameters: TerrainParameters) -> None:
    empty = '<Activity Sport="Biking"><Id>2024-05-01T06:00:00Z</Id></Activity>'
    text = tcx_text(run(1000)).replace("<Activities>", f"<Activities>{empty}")
    [ran] = read(text.encode(), parameters)
    assert ran.sport == "running"


ZIPPED = zipped({"a.gpx": GPX, "b.fit": fit_bytes(run(300))})
GZIPPED = gzip.compress(GPX)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([ZIPPED, GZIPPED]),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=4),
    st.one_of(st.none(), st.integers(min_value=0)),
)
def test_damaged_archives_give_activities_or_one_clear_error(
    data: bytes, changes: list[tuple[int, int]], cut: int | None
) -> None:
    damaged = bytearray(data)
    for where, value in changes:
        damaged[where % len(damaged)] = value
    if cut is not None:
        damaged = damaged[: cut % len(damaged)]
    outcome: tuple[ActivitySummary, ...] | str
    try:
        outcome = read_activities(io.BytesIO(bytes(damaged)), parameters=PARAMETERS, name="upload")
    except ActivityFileError as error:
        outcome = str(error)
    if isinstance(outcome, str):
        assert outcome.startswith("activity file upload")
        assert "\n" not in outcome
    else:
        assert outcome
