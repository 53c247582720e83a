"""What a format reader yields besides track points: where activities start and end, and gaps."""

from typing import NamedTuple

from psoas.domain.activity import Sport, TrackPoint


class NewActivity(NamedTuple):
    """The points that follow belong to a new activity (a TCX <Activity>, a GPX <trk>).

    ``joins_same_day``: a GPX track only starts a new activity when it was recorded on another
    day or as another sport; on the same day it is the same outing after a gap.
    """

    sport: Sport = "unknown"
    joins_same_day: bool = False


class Gap(NamedTuple):
    """The recorder stopped here (a new GPX segment, a FIT timer restart)."""


class EndActivity(NamedTuple):
    """The points so far were one activity, described by the file (a FIT session message)."""

    sport: Sport
    device_gain_m: float | None = None
    device_distance_m: float | None = None
    moving_time_s: float | None = None


class Note(NamedTuple):
    """Something the person should know about the file as a whole."""

    text: str


Item = TrackPoint | NewActivity | Gap | EndActivity | Note
