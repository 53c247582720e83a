"""What a person reports between sessions to see whether things are getting better.

Field names and values are public interface (``psoas log``, the API and ``psoas export``).
Pain is the 0-10 numeric rating scale; the Patient-Specific Functional Scale (PSFS) scores up to
five activities the person names; the modified Thomas self-check is kept per side as a trend only
(its accuracy is poor, vigotsky-2016-thomas), never read as a diagnosis.
"""

from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from psoas.domain.activity import CountsAs, Terrain, terrain_of
from psoas.domain.base import Frozen
from psoas.domain.vocabulary import RedFlag

Score = Annotated[int, Field(ge=0, le=10)]
ThomasResult = Literal["above", "level", "below"]
THOMAS_RESULTS: tuple[ThomasResult, ...] = get_args(ThomasResult)
# The activities pain is asked about, besides pain right now.
PainContext = Literal["sitting", "running", "hills_or_stairs", "lifting_leg"]
PAIN_CONTEXTS: tuple[PainContext, ...] = get_args(PainContext)
# Pain now or during one of the contexts: every pain answer a check-in can hold.
PainKey = Literal["now", PainContext]
PAIN_KEYS: tuple[PainKey, ...] = ("now", *PAIN_CONTEXTS)
PSFS_MAX_ACTIVITIES = 5
ActivityName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class PainDuring(Frozen):
    """Pain (0-10) during named activities; None when the person did not do it or did not say."""

    sitting: Score | None = None
    running: Score | None = None
    hills_or_stairs: Score | None = None
    lifting_leg: Score | None = None

    def of(self, context: PainContext) -> int | None:
        value: int | None = getattr(self, context)
        return value


class PsfsScore(Frozen):
    """One PSFS activity the person named and how well they can do it (0 unable, 10 as before)."""

    activity: ActivityName
    score: Score


class ProgressCheckIn(Frozen):
    """One check-in, about one day. Only pain now is required; the rest is asked, not demanded."""

    on: date = Field(description="The day this check-in describes.")
    pain_now: Score = Field(description="Pain right now, 0-10.")
    pain_during: PainDuring = PainDuring()
    psfs: tuple[PsfsScore, ...] = Field(default=(), max_length=PSFS_MAX_ACTIVITIES)
    thomas_left: ThomasResult | None = Field(
        default=None, description="Modified Thomas self-check, left thigh vs horizontal."
    )
    thomas_right: ThomasResult | None = Field(
        default=None, description="Modified Thomas self-check, right thigh vs horizontal."
    )
    sitting_hours: Annotated[float, Field(ge=0, le=24)] | None = Field(
        default=None, description="Hours sitting that day."
    )
    red_flags: tuple[RedFlag, ...] = Field(
        default=(), description="Warning signs since the last check-in: any one stops the plan."
    )
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None

    @model_validator(mode="after")
    def _psfs_activities_distinct(self) -> "ProgressCheckIn":
        names = [score.activity.casefold() for score in self.psfs]
        if len(names) != len(set(names)):
            raise ValueError("psfs: each activity may appear once")
        return self

    def pain(self, context: PainKey) -> int | None:
        return self.pain_now if context == "now" else self.pain_during.of(context)


class RecordedCheckIn(Frozen):
    """A check-in as stored: its id is what plan changes cite as evidence."""

    id: int
    recorded_at: datetime
    check_in: ProgressCheckIn

    @property
    def on(self) -> date:
        return self.check_in.on


class SessionDone(Frozen):
    """What the progression rules need from one guided session."""

    id: int
    on: date
    completed: bool
    skipped_for_pain: tuple[str, ...]  # exercise ids skipped with the reason "pain"
    exercises: tuple[str, ...]  # every exercise the session held
    # Pain 0-10 given just before and after it, when given: progress charts them.
    pain_before: int | None = Field(default=None, ge=0, le=10)
    pain_after: int | None = Field(default=None, ge=0, le=10)


class RunDone(Frozen):
    """What the return-to-run ladder needs from one imported run."""

    id: int
    on: date
    distance_m: float
    elevation_gain_m: float | None
    hilly: bool | None  # None: the file had no elevation, so the terrain is unknown
    # A run recorded before terrain had names: hilly or not, as it was judged then.
    terrain: Terrain = Field(default_factory=lambda data: terrain_of(data.get("hilly")))
    counts_as: CountsAs = "run"  # only runs count toward the ladder's running gates
