"""Activity import: real files from ../shared/activities against fitdecode's bare decode, and
a 200 MB GPX and a big FIT file for streaming memory, each read in a fresh process.

    python bench/activity_import.py --real               # real files; triathlon vs fitdecode
    python bench/activity_import.py                      # 200 MB GPX, 1,000,000-record FIT
    python bench/activity_import.py --gpx-mb 20 --fit-records 100000   # quicker

The target (issue 16): importing the shared 1.9 MB triathlon FIT takes at most half of
fitdecode's bare decode of the same file (every frame read, nothing done with it), both measured
in the same run, each in its own fresh process.

Files are synthetic and written to a temporary folder first (not timed). Each is then read by
``read_activity`` in its own child process, which reports wall time, CPU time and its peak
resident memory (ru_maxrss) before and after reading, so the cost of the file shows apart from
the interpreter and imports. Small files are read too: flat memory means streaming works.
"""

import argparse
import json
import math
import platform
import resource
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from fitdecode.utils import compute_crc  # type: ignore[import-untyped]

from psoas.activities import read_activities
from psoas.domain.activity import TerrainParameters

MB = 1024 * 1024
METRES_PER_DEGREE = 6_371_008.8 * math.pi / 180
FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z, where FIT time starts
START_S = 1_714_545_000  # 2024-05-01T06:30:00Z
SEMICIRCLES_PER_DEGREE = 2**31 / 180


def _elevation_m(distance_m: float) -> float:
    return 50 + 30 * math.sin(distance_m / 800) + 5 * math.sin(distance_m / 90)


def _gpx_points(size_bytes: int, spacing_m: float) -> Iterator[bytes]:
    """Indented like a watch's export; 10 points a second, so 200 MB stays under 1,000 km."""
    written, i = 0, 0
    while written < size_bytes:
        lines = []
        for _ in range(1000):
            distance_m = i * spacing_m
            clock = time.gmtime(START_S + i // 10)
            latitude = 51.5 + distance_m / METRES_PER_DEGREE
            lines.append(
                f'      <trkpt lat="{latitude:.7f}" lon="-0.1200000">\n'
                f"        <ele>{_elevation_m(distance_m):.1f}</ele>\n"
                f"        <time>{time.strftime('%Y-%m-%dT%H:%M:%S', clock)}.{i % 10}Z</time>\n"
                "      </trkpt>\n"
            )
            i += 1
        block = "".join(lines).encode()
        written += len(block)
        yield block


def write_gpx(path: Path, size_bytes: int) -> None:
    with path.open("wb") as handle:
        handle.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
            b'xmlns="http://www.topografix.com/GPX/1/1">\n  <trk>\n    <trkseg>\n'
        )
        for block in _gpx_points(size_bytes, spacing_m=0.35):
            handle.write(block)
        handle.write(b"    </trkseg>\n  </trk>\n</gpx>\n")


def _crc16(data: bytes, crc: int) -> int:
    # fitdecode's own CRC, so the file checks out exactly as the reader will check it.
    value: int = compute_crc(data, crc=crc)
    return value


def write_fit(path: Path, records: int) -> None:
    """A FIT activity: file_id, then one record a second with position, altitude and distance."""
    # Definition of local message 0 as global 20 (record): timestamp, lat, long, distance, altitude.
    definition = struct.pack("<BBBHB", 0x40, 0, 0, 20, 5) + bytes(
        [253, 4, 0x86, 0, 4, 0x85, 1, 4, 0x85, 5, 4, 0x86, 78, 4, 0x86]
    )
    file_id = struct.pack("<BBBHB", 0x41, 0, 0, 0, 1) + bytes([0, 1, 0x00]) + bytes([0x01, 4])
    body_size = len(definition) + len(file_id) + records * 21
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, body_size, b".FIT")
    header += struct.pack("<H", _crc16(header, 0))
    with path.open("wb") as handle:
        handle.write(header)
        crc = _crc16(header, 0)
        for chunk in _fit_body(definition + file_id, records):
            handle.write(chunk)
            crc = _crc16(chunk, crc)
        handle.write(struct.pack("<H", crc))


def _fit_body(definitions: bytes, records: int) -> Iterator[bytes]:
    yield definitions
    step_m = min(3.0, 900_000 / records)  # a run stays under the reader's 1,000 km cap
    pack = struct.Struct("<BIiiII").pack
    for first in range(0, records, 10_000):
        rows = []
        for i in range(first, min(records, first + 10_000)):
            distance_m = i * step_m
            rows.append(
                pack(
                    0,
                    START_S - FIT_EPOCH_S + i,
                    round((51.5 + distance_m / METRES_PER_DEGREE) * SEMICIRCLES_PER_DEGREE),
                    round(-0.12 * SEMICIRCLES_PER_DEGREE),
                    round(distance_m * 100),
                    round((_elevation_m(distance_m) + 500) * 5),
                )
            )
        yield b"".join(rows)


def child(path: str) -> None:
    """Read one file and print what it cost, as JSON (runs in a fresh interpreter)."""
    root = Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "content" / "rules" / "terrain.yaml").read_text("utf-8"))
    parameters = TerrainParameters.model_validate(data)
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    with Path(path).open("rb") as handle:
        found = read_activities(handle, parameters=parameters, name=Path(path).name)
    result = {
        "seconds": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "points": sum(summary.point_count for summary in found),
        "activities": len(found),
        "rss_before_mb": before_kb / 1024,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "distance_km": sum(summary.distance_m for summary in found) / 1000,
    }
    print(json.dumps(result))


def child_bare(path: str) -> None:
    """fitdecode alone: every frame decoded (CRC checked), nothing done with it."""
    import fitdecode  # type: ignore[import-untyped]

    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    records = 0
    with fitdecode.FitReader(path, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                records += 1
    result = {
        "seconds": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "points": records,
        "activities": 0,
        "rss_before_mb": before_kb / 1024,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "distance_km": 0.0,
    }
    print(json.dumps(result))


def _read_in_child(path: Path, *, bare: bool = False) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child-bare" if bare else "--child", str(path)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(output)
    result["file"] = ("fitdecode bare decode: " if bare else "") + path.name
    result["size_mb"] = path.stat().st_size / MB
    return result


SHARED = Path(__file__).resolve().parents[2] / "shared" / "activities"
TRIATHLON = "sportslib__triathlons_fit_4623204522.fit"
NOT_ACTIVITIES = {
    "README.md",
    "fitdecode__Settings.fit",
    "fitdecode__invalid_activity-unexpected-eof.fit",
    "gpxpy__route.gpx",
}


def measure_real(folder: Path = SHARED) -> tuple[list[dict[str, Any]], float]:
    """Every real activity file, then the triathlon against fitdecode's bare decode."""
    if not folder.is_dir():
        raise SystemExit(f"the shared activity files are not at {folder}")
    rows = [
        _read_in_child(path)
        for path in sorted(folder.iterdir())
        if path.name not in NOT_ACTIVITIES and path.name != TRIATHLON
    ]
    ours = _read_in_child(folder / TRIATHLON)
    bare = _read_in_child(folder / TRIATHLON, bare=True)
    rows += [ours, bare]
    return rows, ours["seconds"] / bare["seconds"]


def measure(gpx_mb: float = 200, fit_records: int = 1_000_000) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / name for name in ("small.gpx", "big.gpx", "small.fit", "big.fit")]
        write_gpx(files[0], 2 * MB)
        write_gpx(files[1], round(gpx_mb * MB))
        write_fit(files[2], 10_000)
        write_fit(files[3], fit_records)
        return [_read_in_child(path) for path in files]


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"Measured on {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()}; each file read in a fresh process.",
        "",
        "| file | size | points | seconds (CPU) | MB/s | points/s | peak RSS | RSS before |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['file']} | {row['size_mb']:,.2f} MB | {row['points']:,} "
            f"| {row['seconds']:.1f} ({row['cpu_s']:.1f}) | {row['size_mb'] / row['seconds']:.1f} "
            f"| {row['points'] / row['seconds']:,.0f} "
            f"| {row['rss_peak_mb']:.0f} MB | {row['rss_before_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark streaming activity import.")
    parser.add_argument("--gpx-mb", type=float, default=200, help="big GPX size (default 200)")
    parser.add_argument("--fit-records", type=int, default=1_000_000, help="big FIT records")
    parser.add_argument("--real", action="store_true", help="the shared real files instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.child_bare:
        child_bare(args.child_bare)
        return
    if args.real:
        rows, ratio = measure_real()
        print(table(rows))
        verdict = "met" if ratio <= 0.5 else "NOT met"
        print(
            f"\nTriathlon: our import takes {ratio:.2f} of fitdecode's bare decode "
            f"(target at most 0.50: {verdict})."
        )
        return
    print(table(measure(args.gpx_mb, args.fit_records)))


if __name__ == "__main__":
    main()
