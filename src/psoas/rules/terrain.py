"""How far, how long, how much climb and how steep a run was, from its points as they stream past.

Method, in the order each point goes through it (all distances horizontal, along the track):

1. Distance. Between two consecutive points that both carry the device's running total, the
   difference of the totals (never negative); otherwise the haversine distance from the last
   point with a position. So the total never decreases.
2. Resampling. Elevations are averaged in bins of ``resample_step_m`` of distance, starting at
   the first point with an elevation; bins with no point (points further apart than a step) are
   filled by linear interpolation between their neighbours. A watch recording every second and
   a route with a point every 50 m give the same kind of series, dense recordings average out
   some jitter already, and standing still adds no samples.
3. Smoothing. Each sample becomes the mean of the samples within ``smoothing_window_m / 2``
   either side; the first and last samples stand in for the track beyond its ends. GPS and
   barometric jitter changes from point to point and averages out; hills span hundreds of
   metres and stay.
4. Climb, with hysteresis. A rise in the smoothed series counts only once it is at least
   ``climb_hysteresis_m`` above the lowest point since the last counted top; then the whole rise
   from that low to the next top counts. Wiggles smaller than the hysteresis add nothing; a real
   hill counts in full.
5. Sustained grade. The steepest average grade, uphill or downhill, between smoothed samples
   ``grade_window_m`` apart. A flat-only return-to-run stage rules out both directions. None when
   the track is shorter than the window: there is no such stretch to judge.
6. Hilly. Sustained grade at least ``hilly_grade_pct``, or climb per km of track at least
   ``hilly_climb_m_per_km``. Unknown (None) when the file has no elevation.

Steps 2 to 4 never add climb: neither a bin mean, an interpolation nor a moving average can raise
the total of a series' rises, and hysteresis counts a subset of them. So the gain is at most the raw
sum of rises between consecutive points.

Memory is bounded by the parameters, not by the track: the accumulator keeps the last point, a
smoothing window of samples and a grade window of samples, never the whole track.
"""

from collections import deque
from datetime import datetime
from math import asin, cos, radians, sin, sqrt

from psoas.domain.activity import ActivityFormat, ActivitySummary, TerrainParameters, TrackPoint

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG): the haversine error is well under 1 %
# No run is this long; a longer track is bad GPS or merged files, and the cap bounds the work
# spent resampling a track whose points jump across the globe.
MAX_DISTANCE_M = 1_000_000.0


class TrackTooLongError(ValueError):
    def __init__(self, max_distance_m: float) -> None:
        super().__init__(f"track longer than {max_distance_m / 1000:,.0f} km")
        self.max_distance_m = max_distance_m


def haversine_m(lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float) -> float:
    """Great-circle distance on a spherical Earth."""
    lat1, lat2 = radians(lat1_deg), radians(lat2_deg)
    half_dlat, half_dlon = (lat2 - lat1) / 2, radians(lon2_deg - lon1_deg) / 2
    a = sin(half_dlat) ** 2 + cos(lat1) * cos(lat2) * sin(half_dlon) ** 2
    return 2 * EARTH_RADIUS_M * asin(min(1.0, sqrt(a)))


class TerrainAccumulator:
    """Feed points in track order with ``add``; ``summary`` once at the end (see module doc)."""

    def __init__(
        self, parameters: TerrainParameters, *, max_distance_m: float = MAX_DISTANCE_M
    ) -> None:
        self._parameters = parameters
        self._hysteresis_m = parameters.climb_hysteresis_m.value
        self._max_distance_m = max_distance_m
        self._step_m = parameters.resample_step_m.value
        self._half_window = round(parameters.smoothing_window_m.value / self._step_m / 2)
        grade_steps = max(1, round(parameters.grade_window_m.value / self._step_m))
        self._grade_span_m = grade_steps * self._step_m
        self._finished = False
        self.point_count = 0
        self.distance_m = 0.0
        self._last_device_m: float | None = None
        self._last_position: tuple[float, float] | None = None
        self._earliest: datetime | None = None
        self._latest: datetime | None = None
        # Resampling: the open bin, and the last closed one to interpolate across empty bins.
        self._grid_origin_m = 0.0
        self._bin_index = -1
        self._bin_sum_m = 0.0
        self._bin_count = 0
        self._last_bin: tuple[int, float] | None = None
        # Smoothing, climb and grade state.
        self._window: deque[float] = deque(maxlen=2 * self._half_window + 1)
        self._samples = 0
        self._low = self._top = 0.0
        self._climbing = False
        self._gain_m = 0.0
        self._recent: deque[float] = deque(maxlen=grade_steps + 1)
        self._steepest: float | None = None

    def add(self, point: TrackPoint) -> None:
        if self._finished:
            raise RuntimeError("TerrainAccumulator.add after summary")
        self.point_count += 1
        distance_m = self.distance_m + self._step_from_last(point)
        if distance_m > self._max_distance_m:
            raise TrackTooLongError(self._max_distance_m)
        self.distance_m = distance_m
        time = point.time
        if time is not None:
            if self._earliest is None or time < self._earliest:
                self._earliest = time
            if self._latest is None or time > self._latest:
                self._latest = time
        if point.elevation_m is not None:
            self._resample(distance_m, point.elevation_m)

    def _step_from_last(self, point: TrackPoint) -> float:
        device, last_device = point.distance_m, self._last_device_m
        self._last_device_m = device
        position = None
        if point.latitude_deg is not None and point.longitude_deg is not None:
            position = (point.latitude_deg, point.longitude_deg)
        last_position = self._last_position
        if position is not None:
            self._last_position = position
        if device is not None and last_device is not None:
            return max(0.0, device - last_device)
        if position is not None and last_position is not None:
            return haversine_m(*last_position, *position)
        return 0.0

    def _resample(self, distance_m: float, elevation_m: float) -> None:
        if self._bin_index < 0:
            self._grid_origin_m = distance_m
        index = int((distance_m - self._grid_origin_m) // self._step_m)
        if index != self._bin_index:
            if self._bin_count:
                self._close_bin()
            self._bin_index = index
        self._bin_sum_m += elevation_m
        self._bin_count += 1

    def _close_bin(self) -> None:
        mean_m = self._bin_sum_m / self._bin_count
        if self._last_bin is not None:
            last_index, last_mean_m = self._last_bin
            gap = self._bin_index - last_index
            for k in range(1, gap):
                self._smooth(last_mean_m + (mean_m - last_mean_m) * k / gap)
        self._smooth(mean_m)
        self._last_bin = (self._bin_index, mean_m)
        self._bin_sum_m, self._bin_count = 0.0, 0

    def _smooth(self, sample: float) -> None:
        window = self._window
        if not window:
            window.extend([sample] * self._half_window)
        window.append(sample)
        if len(window) == window.maxlen:
            self._take(sum(window) / len(window))

    def _take(self, smoothed: float) -> None:
        """Climb with hysteresis and the steepest grade window, on one smoothed sample."""
        self._samples += 1
        if self._samples == 1:
            self._low = self._top = smoothed
        elif self._climbing:
            if smoothed > self._top:
                self._top = smoothed
            elif self._top - smoothed >= self._hysteresis_m:
                self._gain_m += self._top - self._low
                self._low, self._climbing = smoothed, False
        elif smoothed < self._low:
            self._low = smoothed
        elif smoothed - self._low >= self._hysteresis_m:
            self._top, self._climbing = smoothed, True
        recent = self._recent
        recent.append(smoothed)
        if len(recent) == recent.maxlen:
            grade_pct = abs(smoothed - recent[0]) / self._grade_span_m * 100
            if self._steepest is None or grade_pct > self._steepest:
                self._steepest = grade_pct

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self._bin_count:
            self._close_bin()
        if self._window:
            last = self._window[-1]
            for _ in range(self._half_window):
                self._window.append(last)
                self._take(sum(self._window) / len(self._window))
        if self._climbing:
            self._gain_m += self._top - self._low

    def summary(self, file_format: ActivityFormat) -> ActivitySummary:
        """The summary of every point added; no more points may be added after it."""
        if self.point_count == 0:
            raise ValueError("no points to summarise")
        self._finish()
        notes: list[str] = []
        duration_s = None
        if self._earliest is not None and self._latest is not None:
            duration_s = (self._latest - self._earliest).total_seconds()
        else:
            notes.append("The file has no times, so the duration is unknown.")
        gain_m = steepest = hilly = None
        if self._samples:
            gain_m, steepest = self._gain_m, self._steepest
            hilly = self._is_hilly(gain_m, steepest)
            if steepest is None:
                notes.append(
                    f"The track is shorter than the {self._grade_span_m:g} m grade window, "
                    "so it has no sustained grade."
                )
        else:
            notes.append("The file has no elevation, so climb, grade and hilliness are unknown.")
        return ActivitySummary(
            format=file_format,
            point_count=self.point_count,
            started_at=self._earliest,
            duration_s=duration_s,
            distance_m=self.distance_m,
            elevation_gain_m=gain_m,
            max_sustained_grade_pct=steepest,
            hilly=hilly,
            notes=tuple(notes),
        )

    def _is_hilly(self, gain_m: float, steepest_pct: float | None) -> bool:
        parameters = self._parameters
        if steepest_pct is not None and steepest_pct >= parameters.hilly_grade_pct.value:
            return True
        climb_per_km = gain_m / self.distance_m * 1000 if self.distance_m > 0 else 0.0
        return climb_per_km >= parameters.hilly_climb_m_per_km.value
