"""The sport a file names, in the words each format uses, as one of the app's sports."""

from psoas.domain.activity import Sport

# FIT profile `sport` values (garmin-fit-sdk labels); "generic" says nothing.
FIT_SPORTS: dict[str, Sport] = {
    "running": "running",
    "walking": "walking",
    "hiking": "hiking",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "generic": "unknown",
}
# TCX <Activity Sport="...">: the schema allows only these three.
TCX_SPORTS: dict[str, Sport] = {"Running": "running", "Biking": "cycling", "Other": "other"}
# GPX <type> is free text; apps write words ("running", "Ride") or Strava's numbers.
GPX_WORDS: tuple[tuple[str, Sport], ...] = (
    ("run", "running"),
    ("jog", "running"),
    ("walk", "walking"),
    ("hik", "hiking"),
    ("trek", "hiking"),
    ("swim", "swimming"),
    ("ride", "cycling"),
    ("bik", "cycling"),
    ("cycl", "cycling"),
)
STRAVA_NUMBERS: dict[str, Sport] = {"9": "running", "1": "cycling", "10": "walking", "4": "hiking"}


def fit_sport(value: object) -> Sport:
    if not isinstance(value, str):
        return "unknown" if value is None else "other"
    return FIT_SPORTS.get(value, "other")


def tcx_sport(value: str | None) -> Sport:
    if value is None:
        return "unknown"
    return TCX_SPORTS.get(value.strip(), "other")


def gpx_sport(text: str) -> Sport:
    word = text.strip().casefold()
    if not word:
        return "unknown"
    if word in STRAVA_NUMBERS:
        return STRAVA_NUMBERS[word]
    for fragment, sport in GPX_WORDS:
        if fragment in word:
            return sport
    return "other"
