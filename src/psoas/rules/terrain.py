"""How far, how long, how much climb and what terrain one activity was, from its points as they
stream past.

Method, in the order each point goes through it (all distances horizontal, along the track):

1. Segments. A recording is cut into segments where the file says the recorder stopped (a new GPX
   track or segment, a FIT timer restart). Distance, climb and grade never cross from one
   segment to the next:
   the straight line over a gap was not travelled. The duration is the sum of the segments' spans.
2. Distance. Two odometers run side by side: the device's own running total (differences
   between consecutive points that carry it, never negative) and the path through the positions
   (haversine). The activity's distance is the device's when every point carries it, the
   positions' otherwise (or the device's when there are no positions); never both added.
3. Elevation honesty. An elevation more than ``deepest_below_sea_level_m`` below sea level or
   above ``highest_elevation_m`` is a placeholder and is ignored; so is a run of
   ``placeholder_zero_run_points`` or more elevations of exactly 0 m, and a file whose
   elevations are all 0 m has unknown terrain. Elevations from the activity's first
   ``settling_s`` are left out (a barometric altimeter settles then). A jump of
   ``elevation_jump_m`` or more between consecutive points, steeper than 1 in 2, is taken as a
   recalibration, not terrain: later elevations are shifted back by it.
4. Resampling. Elevations are averaged in bins of ``resample_step_m`` of distance; bins with no
   point are filled by linear interpolation between their neighbours.
5. Smoothing. Each sample becomes the mean of the samples within ``smoothing_window_m / 2``
   either side; the segment's first and last samples stand in beyond its ends.
6. Climb, with hysteresis. A rise counts only once it is at least ``climb_hysteresis_m`` above
   the lowest point since the last counted top; then the whole rise counts.
7. Sustained grade. The steepest average grade, up or down, between smoothed samples
   ``grade_window_m`` apart within one segment. None when no segment is that long.
8. Terrain. Hilly when the sustained grade reaches ``hilly_grade_pct`` or the climb per km
   reaches ``hilly_climb_m_per_km``; rolling when they reach the rolling thresholds; flat below;
   unknown without trustworthy elevation. The climb used is the device's own (FIT
   ``total_ascent``) when its altimeter is barometric, ours otherwise.

Steps 4 to 6 never add climb, and step 3 only removes rises: the gain is at most the raw sum of
rises between consecutive points.

Memory is bounded by the parameters, not by the track: the accumulator keeps the last point, a
few windows of samples and some counters, never the whole track.
"""

from collections import deque
from datetime import datetime
from math import asin, cos, radians, sin, sqrt

from psoas.domain.activity import (
    COUNTS_AS,
    ActivityFormat,
    ActivitySummary,
    Sport,
    Terrain,
    TerrainParameters,
    TrackPoint,
)

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG): the haversine error is well under 1 %
# No run is this long; a longer track is bad GPS or merged files, and the cap bounds the work
# spent resampling a track whose points jump across the globe. A full-distance triathlon's ride
# is 180 km, so one activity of this length is far beyond anything real.
MAX_DISTANCE_M = 1_000_000.0
# A jump is steeper than 1 in 2: no one runs, walks or rides up that.
JUMP_RISE_PER_RUN = 0.5
# Consecutive points at most this far apart in time say how rough the altimeter is (1 Hz records).
ROUGHNESS_STEP_S = 2.0
ROUGH_STEP_M = 1.0
ROUGHNESS_MIN_STEPS = 100
# A device distance that goes back more often than this is not one odometer (a reset or two
# between laps is normal).
MAX_DEVICE_DROPS = 3


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


class _Profile:
    """Resampling, smoothing, climb and grade of one segment's elevations (steps 4 to 7)."""

    def __init__(self, step_m: float, half_window: int, grade_steps: int, hysteresis_m: float):
        self._step_m = step_m
        self._half_window = half_window
        self._hysteresis_m = hysteresis_m
        self._grade_span_m = grade_steps * step_m
        self._origin_m = 0.0
        self._bin_index = -1
        self._bin_sum_m = 0.0
        self._bin_count = 0
        self._last_bin: tuple[int, float] | None = None
        self._window: deque[float] = deque(maxlen=2 * half_window + 1)
        self.samples = 0
        self._low = self._top = 0.0
        self._climbing = False
        self.gain_m = 0.0
        self._recent: deque[float] = deque(maxlen=grade_steps + 1)
        self.steepest: float | None = None

    def add(self, along_m: float, elevation_m: float) -> None:
        if self._bin_index < 0:
            self._origin_m = along_m
        index = int((along_m - self._origin_m) // self._step_m)
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
        self.samples += 1
        if self.samples == 1:
            self._low = self._top = smoothed
        elif self._climbing:
            if smoothed > self._top:
                self._top = smoothed
            elif self._top - smoothed >= self._hysteresis_m:
                self.gain_m += self._top - self._low
                self._low, self._climbing = smoothed, False
        elif smoothed < self._low:
            self._low = smoothed
        elif smoothed - self._low >= self._hysteresis_m:
            self._top, self._climbing = smoothed, True
        recent = self._recent
        recent.append(smoothed)
        if len(recent) == recent.maxlen:
            grade_pct = abs(smoothed - recent[0]) / self._grade_span_m * 100
            if self.steepest is None or grade_pct > self.steepest:
                self.steepest = grade_pct

    def finish(self) -> None:
        if self._bin_count:
            self._close_bin()
        if self._window:
            last = self._window[-1]
            for _ in range(self._half_window):
                self._window.append(last)
                self._take(sum(self._window) / len(self._window))
        if self._climbing:
            self.gain_m += self._top - self._low
            self._climbing = False


class TerrainAccumulator:
    """Feed one activity's points in order with ``add`` (``gap`` where the recorder stopped);
    ``summary`` once at the end (see module doc)."""

    def __init__(
        self, parameters: TerrainParameters, *, max_distance_m: float = MAX_DISTANCE_M
    ) -> None:
        self._parameters = parameters
        self._max_distance_m = max_distance_m
        self._step_m = parameters.resample_step_m.value
        self._half_window = round(parameters.smoothing_window_m.value / self._step_m / 2)
        self._grade_steps = max(1, round(parameters.grade_window_m.value / self._step_m))
        self._grade_span_m = self._grade_steps * self._step_m
        self._low_m = -parameters.deepest_below_sea_level_m.value
        self._high_m = parameters.highest_elevation_m.value
        self._zero_run = max(1, round(parameters.placeholder_zero_run_points.value))
        self._settling_s = parameters.settling_s.value
        self._jump_m = parameters.elevation_jump_m.value
        self._finished = False
        self.point_count = 0
        # Odometers (step 2), each continuing only within a segment.
        self._device_m = 0.0
        self._position_m = 0.0
        self._points_without_device = 0
        self._points_with_position = 0
        self._last_device_m: float | None = None
        # Two odometers interleaved (a virtual ride's records from two sources) make the device
        # distance go back and forth; then only its furthest reach counts.
        self._device_drops = 0
        self._device_top_m: float | None = None
        self._device_furthest_m = 0.0
        self._last_position: tuple[float, float] | None = None
        # Times and segments (step 1).
        self.started_at: datetime | None = None
        self._timed_points = 0
        self._segment_first: datetime | None = None
        self._segment_last: datetime | None = None
        self._spans_s = 0.0
        self._gaps = 0
        self._segment_points = 0
        # Elevation honesty (step 3).
        self._elevations = 0
        self._nonzero_elevations = 0
        self._out_of_range = 0
        self._pending_zeros: list[float] = []  # along_m of exact zeros not yet judged
        self._in_placeholder_run = False
        self._placeholder_zeros = 0
        self._settling_dropped = 0
        self._last_elevation: tuple[float, float] | None = None  # (along_m, raw elevation)
        self._offset_m = 0.0
        self._jumps = 0
        self._steps = 0
        self._rough_steps = 0
        self._last_step: tuple[datetime, float] | None = None
        # Steps 4 to 7, per segment; the totals over finished segments.
        self._profile = self._new_profile()
        self._gain_m = 0.0
        self._samples = 0
        self._steepest: float | None = None

    def _new_profile(self) -> _Profile:
        return _Profile(
            self._step_m,
            self._half_window,
            self._grade_steps,
            self._parameters.climb_hysteresis_m.value,
        )

    @property
    def along_m(self) -> float:
        """Distance so far on the elevation axis: both odometers rise, so their maximum does."""
        return max(self._device_m, self._position_m)

    def gap(self) -> None:
        """The recorder stopped here: nothing is measured across to the next point."""
        if self._segment_points == 0:
            return
        self._gaps += 1
        self._segment_points = 0
        self._last_device_m = None
        self._device_top_m = None
        self._last_position = None
        self._last_elevation = None
        self._last_step = None
        self._flush_zeros()
        self._close_span()
        self._close_profile()

    def _close_span(self) -> None:
        if self._segment_first is not None and self._segment_last is not None:
            self._spans_s += (self._segment_last - self._segment_first).total_seconds()
        self._segment_first = self._segment_last = None

    def _close_profile(self) -> None:
        profile = self._profile
        profile.finish()
        self._gain_m += profile.gain_m
        self._samples += profile.samples
        if profile.steepest is not None and (
            self._steepest is None or profile.steepest > self._steepest
        ):
            self._steepest = profile.steepest
        self._profile = self._new_profile()

    def add(self, point: TrackPoint) -> None:
        if self._finished:
            raise RuntimeError("TerrainAccumulator.add after summary")
        time = point.time
        self.point_count += 1
        self._segment_points += 1
        self._measure(point)
        if time is not None:
            self._timed_points += 1
            if self.started_at is None or time < self.started_at:
                self.started_at = time
            if self._segment_first is None or time < self._segment_first:
                self._segment_first = time
            if self._segment_last is None or time > self._segment_last:
                self._segment_last = time
        if point.elevation_m is not None:
            self._elevation(point.elevation_m, time)

    def _measure(self, point: TrackPoint) -> None:
        device = point.distance_m
        if device is None:
            self._points_without_device += 1
        else:
            if self._last_device_m is not None:
                self._device_m += max(0.0, device - self._last_device_m)
                if device < self._last_device_m:
                    self._device_drops += 1
            if self._device_top_m is None:
                self._device_top_m = device
            elif device > self._device_top_m:
                self._device_furthest_m += device - self._device_top_m
                self._device_top_m = device
            self._last_device_m = device
        if point.latitude_deg is not None and point.longitude_deg is not None:
            self._points_with_position += 1
            position = (point.latitude_deg, point.longitude_deg)
            if self._last_position is not None:
                self._position_m += haversine_m(*self._last_position, *position)
            self._last_position = position
        if self.along_m > self._max_distance_m:
            raise TrackTooLongError(self._max_distance_m)

    def _elevation(self, elevation_m: float, time: datetime | None) -> None:
        self._elevations += 1
        if not self._low_m <= elevation_m <= self._high_m:
            self._out_of_range += 1
            return
        if elevation_m == 0.0:
            self._zero(self.along_m)
            return
        self._nonzero_elevations += 1
        self._flush_zeros()
        if (
            time is not None
            and self.started_at is not None
            and (time - self.started_at).total_seconds() < self._settling_s
        ):
            self._settling_dropped += 1
            return
        self._accept(self.along_m, elevation_m, time)

    def _zero(self, along_m: float) -> None:
        """Exact zeros wait until we know whether they are a placeholder run or sea level."""
        if self._in_placeholder_run:
            self._placeholder_zeros += 1
            return
        self._pending_zeros.append(along_m)
        if len(self._pending_zeros) >= self._zero_run:
            self._placeholder_zeros += len(self._pending_zeros)
            self._pending_zeros.clear()
            self._in_placeholder_run = True

    def _flush_zeros(self) -> None:
        """A non-zero height (or a gap) after a short run of zeros: they were real heights."""
        self._in_placeholder_run = False
        pending, self._pending_zeros = self._pending_zeros, []
        if self._nonzero_elevations:
            for along_m in pending:
                self._accept(along_m, 0.0, None)
        else:
            self._placeholder_zeros += len(pending)

    def _accept(self, along_m: float, elevation_m: float, time: datetime | None) -> None:
        last = self._last_elevation
        if last is not None:
            rise = elevation_m - last[1]
            run = along_m - last[0]
            if abs(rise) >= self._jump_m and abs(rise) > run * JUMP_RISE_PER_RUN:
                self._jumps += 1
                self._offset_m -= rise
        self._last_elevation = (along_m, elevation_m)
        if time is not None:
            if self._last_step is not None:
                last_time, last_m = self._last_step
                if (time - last_time).total_seconds() <= ROUGHNESS_STEP_S:
                    self._steps += 1
                    if abs(elevation_m - last_m) >= ROUGH_STEP_M:
                        self._rough_steps += 1
            self._last_step = (time, elevation_m)
        self._profile.add(along_m, elevation_m + self._offset_m)

    @property
    def barometric(self) -> bool:
        """Smooth 1 Hz altitude: a barometric altimeter, whose own total climb is trustworthy."""
        if self._steps < ROUGHNESS_MIN_STEPS:
            return False
        share_pct = self._rough_steps / self._steps * 100
        return share_pct < self._parameters.barometric_rough_share_pct.value

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._flush_zeros()
        self._close_span()
        self._close_profile()

    def summary(
        self,
        file_format: ActivityFormat,
        *,
        sport: Sport = "unknown",
        device_gain_m: float | None = None,
        device_distance_m: float | None = None,
        moving_time_s: float | None = None,
        notes: tuple[str, ...] = (),
    ) -> ActivitySummary:
        """The summary of every point added; no more points may be added after it."""
        if self.point_count == 0:
            raise ValueError("no points to summarise")
        self._finish()
        said = list(notes)
        distance_m = self._distance(said)
        if device_distance_m and distance_m == 0:
            # A pool swim: lengths counted by the watch, no positions or per-record distance.
            distance_m = device_distance_m
            said.append("The distance is the device's own total; the points carry none.")
        elif device_distance_m and abs(distance_m - device_distance_m) > (
            device_distance_m * self._parameters.device_total_tolerance_pct.value / 100
        ):
            said.append(
                f"The device's own total, {device_distance_m / 1000:.2f} km, is used: the "
                f"points measure {distance_m / 1000:.2f} km (positions missing or interrupted)."
            )
            distance_m = device_distance_m
        duration_s = self._duration(said)
        all_zero = self._elevations > 0 and self._nonzero_elevations == 0
        gain_m = steepest = None
        terrain: Terrain = "unknown"
        if self._samples and not all_zero:
            gain_m, steepest = self._gain_m, self._steepest
            climb_m = gain_m
            if device_gain_m and self.barometric:
                climb_m = device_gain_m
                said.append(
                    f"Climb from the device's barometric altimeter: {device_gain_m:.0f} m "
                    f"(ours from the elevations: {gain_m:.0f} m)."
                )
            terrain = self._terrain(climb_m, distance_m, steepest)
            gain_m = climb_m
            if steepest is None:
                said.append(
                    f"The track is shorter than the {self._grade_span_m:g} m grade window, "
                    "so it has no sustained grade."
                )
        said.extend(self._elevation_notes(all_zero))
        if sport == "unknown":
            said.append("The file does not say its sport, so it is counted as a run.")
        return ActivitySummary(
            format=file_format,
            sport=sport,
            counts_as=COUNTS_AS[sport],
            point_count=self.point_count,
            started_at=self.started_at,
            duration_s=duration_s,
            moving_time_s=moving_time_s if moving_time_s is None or moving_time_s >= 0 else None,
            distance_m=distance_m,
            elevation_gain_m=gain_m,
            device_elevation_gain_m=device_gain_m,
            max_sustained_grade_pct=steepest,
            terrain=terrain,
            hilly=None if terrain == "unknown" else terrain == "hilly",
            notes=tuple(said),
        )

    def _distance(self, notes: list[str]) -> float:
        if self._points_without_device == 0 or not self._points_with_position:
            if self._device_drops > MAX_DEVICE_DROPS:
                notes.append(
                    f"The device's distance goes back {self._device_drops} times (two sources "
                    "interleaved), so only its furthest reach counts."
                )
                return self._device_furthest_m
            return self._device_m
        if self._points_without_device < self.point_count:
            notes.append(
                "Not every point carries the device's distance, so the distance is measured "
                "along the positions."
            )
        return self._position_m

    def _duration(self, notes: list[str]) -> float | None:
        if self._timed_points == 0:
            notes.append("The file has no times, so the duration is unknown.")
            return None
        if self._timed_points < self.point_count:
            notes.append(
                f"Only {self._timed_points} of {self.point_count} points have a time, so the "
                "duration covers only the timed part."
            )
        if self._gaps:
            notes.append(
                f"The recording stops {self._gaps} time(s) (paused or receiver off): distance, "
                "climb and duration leave the gaps out."
            )
        return self._spans_s

    def _elevation_notes(self, all_zero: bool) -> list[str]:
        notes = []
        if self._elevations == 0:
            notes.append("The file has no elevation, so climb, grade and terrain are unknown.")
        elif all_zero:
            notes.append(
                "Every elevation in the file is 0 m, a placeholder rather than a height, so "
                "climb, grade and terrain are unknown."
            )
        elif not self._samples:
            notes.append(
                "The file has no trustworthy elevation, so climb, grade and terrain are unknown."
            )
        elif self._placeholder_zeros:
            notes.append(
                f"{self._placeholder_zeros} elevations of exactly 0 m in a row were taken as "
                "placeholders, not heights, and ignored."
            )
        if self._out_of_range:
            notes.append(
                f"{self._out_of_range} elevations outside {self._low_m:,.0f} to "
                f"{self._high_m:,.0f} m were "
                "ignored as placeholders."
            )
        if self._jumps:
            notes.append(
                f"{self._jumps} sudden elevation jump(s) of {self._jump_m:g} m or more between "
                "two points were taken as altimeter resets, not climbs."
            )
        return notes

    def _terrain(self, climb_m: float, distance_m: float, steepest_pct: float | None) -> Terrain:
        parameters = self._parameters
        # A short track's climb is spread over at least climb_per_km_min_distance_m: 3 m on a
        # 400 m transition is not 7.5 m per km of rolling ground.
        shortest_m = parameters.climb_per_km_min_distance_m.value
        per_km = climb_m / max(distance_m, shortest_m, 1.0) * 1000
        grade = steepest_pct or 0.0
        if grade >= parameters.hilly_grade_pct.value or per_km >= (
            parameters.hilly_climb_m_per_km.value
        ):
            return "hilly"
        if grade >= parameters.rolling_grade_pct.value or per_km >= (
            parameters.rolling_climb_m_per_km.value
        ):
            return "rolling"
        return "flat"
