"""Streaming: a ten times bigger file needs no more memory, and nothing near its size."""

import tracemalloc

from psoas.activities import read_activity
from psoas.domain.activity import TerrainParameters
from tests.activities.conftest import GeneratedGpx

MB = 1024 * 1024


def peak_bytes(size_bytes: int, parameters: TerrainParameters) -> tuple[int, int]:
    """Peak traced memory while reading a generated GPX, and the points it held."""
    source = GeneratedGpx(size_bytes)
    tracemalloc.start()
    try:
        summary = read_activity(source, parameters=parameters, name="big.gpx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.point_count == source.points
    return peak, source.points


def test_a_20_mb_gpx_is_read_in_the_memory_of_a_2_mb_one(parameters: TerrainParameters) -> None:
    small_peak, small_points = peak_bytes(2 * MB, parameters)
    big_peak, big_points = peak_bytes(20 * MB, parameters)
    assert big_points > 9 * small_points
    # A few 16 KiB chunks and one point's objects; the generator's pieces are counted too. Holding
    # the file, its elements or its points would cost tens of MB.
    assert big_peak < 1 * MB
    assert big_peak < small_peak + MB / 4
