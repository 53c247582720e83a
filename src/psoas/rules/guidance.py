"""Advice beyond the session: sitting breaks, terrain, cross-training, seeing a professional."""

from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Breaks, Message
from psoas.domain.profile import Profile
from psoas.domain.vocabulary import Status


def sits_long(profile: Profile, catalogue: Catalogue) -> bool:
    threshold = catalogue.parameters.long_sitting_hours_per_day.value
    return "desk-work" in profile.activities or profile.sitting_hours_per_day >= threshold


def breaks_for(profile: Profile, catalogue: Catalogue, status: Status) -> Breaks:
    if status == "urgent-care":
        return Breaks(desk_interval_minutes=None, driving_interval_minutes=None)
    parameters = catalogue.parameters
    desk = (
        int(parameters.desk_break_interval_minutes.value) if sits_long(profile, catalogue) else None
    )
    driving = (
        int(parameters.driving_break_interval_minutes.value)
        if "driving" in profile.activities
        else None
    )
    return Breaks(desk_interval_minutes=desk, driving_interval_minutes=driving)


def guidance_for(
    profile: Profile, catalogue: Catalogue, status: Status, breaks: Breaks
) -> tuple[Message, ...]:
    texts = catalogue.guidance
    chosen: list[Message] = []
    parts = []
    if breaks.desk_interval_minutes is not None:
        parts.append(texts["sitting-breaks"])
    if breaks.driving_interval_minutes is not None:
        parts.append(texts["sitting-breaks-driving"])
    if parts:
        chosen.append(
            Message(
                id="sitting-breaks",
                text=" ".join(part.text for part in parts),
                sources=tuple(dict.fromkeys(s for part in parts for s in part.sources)),
            )
        )
    runner = "running" in profile.activities or "return-to-running" in profile.goals
    if status != "urgent-care" and runner:
        if "pain-running-uphill-or-stairs" in profile.symptoms:
            chosen.append(_message(catalogue, "flat-terrain-only"))
        hurts = profile.pain_now >= catalogue.parameters.cross_train_pain_at_least.value
        if hurts or status != "ok":
            chosen.append(_message(catalogue, "cross-train"))
    # Urgent care already says where to go and how soon; "get a diagnosis" beside "emergency
    # care now" would read as leave to book an appointment instead.
    if status == "see-professional":
        chosen.append(_message(catalogue, "consult-professional"))
    return tuple(chosen)


def _message(catalogue: Catalogue, guidance_id: str) -> Message:
    text = catalogue.guidance[guidance_id]
    return Message(id=text.id, text=text.text, sources=text.sources)
