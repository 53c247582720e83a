"""Files that are not readable activities fail with one line naming the file, the fault and the fix.

Never a traceback and never a partial summary: every damaged variant of a good file is refused.
"""

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas.activities import ActivityFileError, read_activity
from psoas.activities.gpx import gpx_items
from psoas.domain.activity import ActivitySummary, TerrainParameters
from tests.activities.conftest import (
    LAT0,
    LON0,
    fit_bytes,
    flat,
    gpx_text,
    run,
    tcx_text,
    terrain_parameters,
)

PARAMETERS = terrain_parameters()  # hypothesis wants no function-scoped fixtures
ACCEPTED = (
    "expected a GPX, TCX or FIT file exported from a watch or running app (or a .gz or .zip "
    "of them)"
)
SMALL_RUN = run(60, spacing_m=10, profile=flat)
GPX = gpx_text(SMALL_RUN).encode()
FIT = fit_bytes(SMALL_RUN)
LAST_LINE = GPX.count(b"\n")  # </gpx>, the last line of the file
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gpx><trk><trkseg><trkpt lat="1" lon="1"><name>&lol2;</name></trkpt></trkseg></trk></gpx>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gpx><trk><trkseg><trkpt lat="1" lon="1"><name>&secret;</name></trkpt></trkseg></trk></gpx>"""


def problem(data: bytes, parameters: TerrainParameters, name: str = "run.gpx") -> str:
    with pytest.raises(ActivityFileError) as raised:
        read_activity(io.BytesIO(data), parameters=parameters, name=name)
    message = str(raised.value)
    assert message.startswith(f"activity file {name}: " if name else "activity file: ")
    assert "\n" not in message
    return message


def gpx_point(attributes: str, children: str = "") -> bytes:
    return (
        gpx_text([])
        .replace("</trkseg>", f"<trkpt {attributes}>{children}</trkpt></trkseg>")
        .encode()
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", f"the file is empty; {ACCEPTED}"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), f"this is a PNG image, not an activity; {ACCEPTED}"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "this is a JPEG image"),
        (b"PK\x03\x04" + bytes(100), "the zip file is damaged"),
        (b"\x1f\x8b\x08" + bytes(100), "the compressed file is damaged"),
        (
            b"Date,Distance\n2024-05-01,5.0\n",
            "not a GPX, TCX or FIT file (starts with 'Date,Distance\\n2",
        ),
        (bytes(range(200, 256)), "not a GPX, TCX or FIT file (starts with bytes C8 C9 CA"),
        (
            b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"></kml>',
            "root is <kml>",
        ),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "root is <html>"),
        (
            gpx_text([]).encode(),
            "the GPX has no track points (<trkpt>); export the recorded activity",
        ),
        (
            gpx_text([]).replace("<trk>", '<rte><rtept lat="1" lon="1"/></rte><trk>').encode(),
            "the GPX has no track points",
        ),
        (tcx_text([]).encode(), "the TCX has no track points (<Trackpoint>)"),
        (
            GPX.replace(b"</trkseg>", b"</trk>"),
            f"the GPX is not well-formed XML at line {LAST_LINE - 1}, column 2: an element is "
            "closed with the wrong tag",
        ),
        (GPX + b"<gpx/>", "more after the end of the document (two files joined into one?)"),
        (
            gpx_text([]).replace("<trk>", "<a>" * 70 + "</a>" * 70 + "<trk>").encode(),
            "the GPX nests elements over 64 deep, which no activity export does",
        ),
        (BILLION_LAUGHS, "declares a DTD or entities, which activity files never need"),
        (EXTERNAL_ENTITY, "declares a DTD or entities"),
        (gpx_point('lat="abc" lon="1"'), "track point 1: lat 'abc' is not a number"),
        (gpx_point('lat="NaN" lon="1"'), "track point 1: lat 'NaN' is not a number"),
        (gpx_point('lat="91" lon="1"'), "track point 1: lat 91 is outside -90 to 90"),
        (gpx_point('lon="1"'), "track point 1 has no lat"),
        (
            gpx_point('lat="1" lon="1"', "<ele>high</ele>"),
            "track point 1: ele 'high' is not a number",
        ),
        (
            gpx_point('lat="1" lon="1"', "<time>yesterday</time>"),
            "time 'yesterday' is not an ISO 8601 time",
        ),
        (
            tcx_text(SMALL_RUN).replace("LongitudeDegrees>", "Longitude>").encode(),
            "track point 1 has no LongitudeDegrees",
        ),
        (FIT[:-1], "the FIT file ends early at byte"),
        (FIT[:-2] + bytes([FIT[-2] ^ 0xFF, FIT[-1]]), "its checksum (CRC) does not match"),
        (fit_bytes([]), "the FIT file has no record messages"),
    ],
)
def test_what_is_wrong_is_said_in_one_line(
    parameters: TerrainParameters, data: bytes, expected: str
) -> None:
    assert expected in problem(data, parameters)


def test_a_truncated_gpx_names_the_line_it_stops_at(parameters: TerrainParameters) -> None:
    cut = GPX[: GPX.index(b"<trkpt", len(GPX) // 2) + 10]
    line = cut.count(b"\n") + 1
    message = problem(cut, parameters)
    assert message.endswith(
        f"the GPX ends early at line {line} (truncated?); export the activity again"
    )


def test_a_format_reader_checks_the_root_itself() -> None:
    tcx = tcx_text(SMALL_RUN).encode()
    with pytest.raises(ActivityFileError, match="the GPX root is <TrainingCenterDatabase>; a GPX"):
        list(gpx_items(io.BytesIO(tcx), name="run.gpx"))


def test_without_a_name_the_message_still_reads(parameters: TerrainParameters) -> None:
    assert problem(b"", parameters, name="") == f"activity file: the file is empty; {ACCEPTED}"


def test_a_track_jumping_across_the_globe_is_refused(parameters: TerrainParameters) -> None:
    far = [SMALL_RUN[0], SMALL_RUN[1]._replace(latitude_deg=-LAT0, longitude_deg=LON0 + 170)]
    assert "longer than 1,000 km" in problem(gpx_text(far).encode(), parameters)


@pytest.mark.parametrize(
    ("label", "data"),
    [("GPX", gpx_text(SMALL_RUN[:3]).encode()), ("TCX", tcx_text(SMALL_RUN[:3]).encode())],
)
def test_every_truncation_of_an_xml_file_is_refused(
    parameters: TerrainParameters, label: str, data: bytes
) -> None:
    end = data.rindex(b">") + 1  # only the final newline may go
    for length in range(1, end):
        message = problem(data[:length], parameters)
        assert re.search(rf"ends (early|before)|the {label} has no track points", message), (
            length,
            message,
        )


def test_every_truncation_of_a_fit_file_is_refused(parameters: TerrainParameters) -> None:
    for length in range(1, len(FIT)):
        problem(FIT[:length], parameters, name="run.fit")


def test_every_flipped_byte_in_a_fit_file_is_refused(parameters: TerrainParameters) -> None:
    for position in range(len(FIT)):
        damaged = bytearray(FIT)
        damaged[position] ^= 0x5A
        problem(bytes(damaged), parameters, name="run.fit")


GPX_HEAD = GPX[: GPX.index(b"<trkpt")]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(), st.binary().map(lambda tail: GPX_HEAD + tail)))
def test_any_bytes_give_a_summary_or_one_clear_error(data: bytes) -> None:
    outcome: ActivitySummary | ActivityFileError
    try:
        outcome = read_activity(io.BytesIO(data), parameters=PARAMETERS, name="upload")
    except ActivityFileError as error:
        outcome = error
    if isinstance(outcome, ActivityFileError):
        assert str(outcome).startswith("activity file upload: ")
    else:
        assert outcome.point_count >= 1
