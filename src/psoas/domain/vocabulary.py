"""The closed vocabularies of the public interface (profile and plan field values).

These literals are the single source of truth: the profile model, the content models and the JSON
Schema all draw on them, so a new value is added here once.
"""

from typing import Literal, get_args

Activity = Literal[
    "desk-work",
    "driving",
    "running",
    "cycling",
    "swimming",
    "weight-training",
    "sit-ups",
    "yoga",
    "team-sports",
]
Goal = Literal[
    "relieve-tightness",
    "ease-low-back-pain",
    "return-to-running",
    "prevent-injury",
    "improve-mobility",
]
Symptom = Literal[
    "low-back-pain",
    "front-of-hip-pain",
    "groin-pain",
    "gluteal-pain",
    "sharp-hip-or-pelvis-pain",
    "pain-lifting-leg",
    "cannot-lift-leg",
    "pain-running-uphill-or-stairs",
    "upper-leg-pulling-or-soreness",
    "hip-stiffness",
]
Condition = Literal[
    "abdominal-hernia",
    "recent-abdominal-surgery",
    "acute-hip-injury",
    "acute-lumbar-injury",
    "pregnancy",
    "osteoporosis",
    "immunosuppression",
    "injected-drug-use",
    "long-term-steroids",
    "anticoagulants",
    "abdominal-aortic-aneurysm",
]
RedFlag = Literal[
    "saddle-numbness",
    "bladder-or-bowel-change",
    "worsening-leg-weakness",
    "fever",
    "unexplained-weight-loss",
    "history-of-cancer",
    "recent-major-trauma",
    "constant-night-pain",
    "cannot-bear-weight",
    "limp-with-hip-held-bent",
    "bilateral-leg-symptoms",
]
Equipment = Literal[
    "mat",
    "foam-roller",
    "lacrosse-ball",
    "soft-ball",
    "mini-band",
    "strap-or-towel",
    "bench-or-box",
    "chair",
    "doorway",
    "wall",
]
# Where an exercise sits in the release -> lengthen -> strengthen sequence. "activate" is light
# strengthening done first in the strengthen phase; "move" (walk breaks) and "self-check" are
# not part of a session.
ExercisePhase = Literal["release", "lengthen", "strengthen", "activate", "move", "self-check"]
# "move" holds gentle walking while someone waits to be seen; it comes last.
PlanPhase = Literal["release", "lengthen", "strengthen", "move"]
Sides = Literal["each", "both"]
Position = Literal["standing", "kneeling", "half-kneeling", "prone", "supine", "seated", "any"]
Status = Literal["ok", "see-professional", "urgent-care"]

# Exercise features that restriction rules refer to (content/rules/restrictions.yaml).
Feature = Literal[
    "abdominal-pressure",  # something presses into the belly
    "prone-on-tool",  # lying face down on a roller or ball
    "pressure-technique",  # self-massage with a tool
    "direct-psoas-pressure",  # pressure aimed at the psoas itself through the abdomen
    "firm-tool",  # a hard ball or roller rather than a soft ball
    "loaded-hip-flexion",  # lifting the leg against gravity or a band
    "loaded-spinal-flexion",  # curling the trunk under load (boat pose)
    "firm-belly-pressure",  # a hard ball or roller pressing into the belly
    "inner-thigh-pressure",  # deep pressure on the upper inner thigh
]

PLAN_PHASE_ORDER: tuple[PlanPhase, ...] = get_args(PlanPhase)
# How a phase is headed where people read the plan (web page and terminal).
PHASE_TITLES: dict[PlanPhase, str] = {
    "release": "Release",
    "lengthen": "Lengthen",
    "strengthen": "Strengthen",
    "move": "Keep moving",
}
ACTIVITIES: tuple[Activity, ...] = get_args(Activity)
GOALS: tuple[Goal, ...] = get_args(Goal)
SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)
CONDITIONS: tuple[Condition, ...] = get_args(Condition)
RED_FLAGS: tuple[RedFlag, ...] = get_args(RedFlag)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)

# The profile fields whose values come from a closed list, and that list.
FIELD_VOCABULARY: dict[str, tuple[str, ...]] = {
    "activities": ACTIVITIES,
    "goals": GOALS,
    "symptoms": SYMPTOMS,
    "conditions": CONDITIONS,
    "red_flags": RED_FLAGS,
    "equipment": EQUIPMENT,
}
