"""Status from red flags and referral triggers: urgent-care beats see-professional beats ok.

Referrals with outcome `advice` leave the status as it is and add a message to see a professional
beside the plan. Every message says what it rests on: its sources, and our reason where the rule
is our own choice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from psoas.domain.base import Cited
from psoas.domain.basis import Grounded
from psoas.domain.plan import Message
from psoas.domain.profile import Profile
from psoas.domain.safety import URGENCY_ORDER, RedFlagCombination, RedFlagGroup, Screening
from psoas.domain.vocabulary import Status
from psoas.rules.triggers import holds, read_fields


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    status: Status
    # The status message first, then what to do for each warning sign or referral found.
    messages: tuple[Message, ...]
    # Advice to see a professional beside a plan that stays as it is.
    advice: tuple[Message, ...]
    # The profile fields whose answers led to a warning, referral or advice, in profile order.
    reasons: tuple[str, ...]


def grounded_text(text: str, rule: Grounded) -> str:
    """A rule's words, followed by our reason when the rule is our own choice."""
    return f"{text} {rule.choice_note}" if rule.choice_note else text


def screen(profile: Profile, screening: Screening) -> ScreeningResult:
    flagged = {q.group for q in screening.red_flags if q.id in profile.red_flags}
    combinations = [c for c in screening.combinations if holds(c.when, profile)]
    if flagged or combinations:
        return _urgent(screening, flagged, combinations)

    referrals = [r for r in screening.referrals if holds(r.when, profile)]
    reasons = _in_profile_order(f for r in referrals for f in read_fields(r.when))
    advice = tuple(
        Message(id=f"advice-{r.id}", text=grounded_text(r.text, r), sources=r.sources)
        for r in referrals
        if r.outcome == "advice"
    )
    needed = [r for r in referrals if r.outcome == "see-professional"]
    if needed:
        details = [
            Message(id=f"referral-{r.id}", text=grounded_text(r.text, r), sources=r.sources)
            for r in needed
        ]
        return _result("see-professional", screening, details, advice, reasons)
    # Beside advice, "nothing needs a professional" would contradict it: the lead says so.
    lead = screening.ok_with_advice if advice else None
    return _result("ok", screening, [], advice, reasons, lead)


def _urgent(
    screening: Screening, flagged: set[str], combinations: list[RedFlagCombination]
) -> ScreeningResult:
    """Each group of warning signs says where to go; a combination of answers that calls for a
    sooner check stands in for the groups it names. Most urgent first."""
    replaced = {group for c in combinations for group in c.replaces}
    groups: list[RedFlagGroup] = [
        g for g in screening.red_flag_groups if g.id in flagged and g.id not in replaced
    ]
    entries = [(g.urgency, f"red-flag-{g.id}", grounded_text(g.text, g), g.sources) for g in groups]
    entries += [
        (c.urgency, f"red-flag-{c.id}", grounded_text(c.text, c), c.sources) for c in combinations
    ]
    entries.sort(key=lambda entry: URGENCY_ORDER.index(entry[0]))
    # Only the most urgent instruction is given: "within 24 hours" under "emergency care now"
    # reads as leave to wait. The other answers are still listed to tell the professional.
    most_urgent = entries[0][0]
    details = [
        Message(id=id_, text=text, sources=sources)
        for urgency, id_, text, sources in entries
        if urgency == most_urgent
    ]
    reasons = _in_profile_order(
        [
            *(["red_flags"] if flagged else []),
            *(f for c in combinations for f in read_fields(c.when)),
        ]
    )
    return _result("urgent-care", screening, details, (), reasons)


def _in_profile_order(fields: Iterable[str]) -> tuple[str, ...]:
    """Warning signs first, then the other answers in the order the profile holds them."""
    wanted = set(fields)
    order = ["red_flags", *(name for name in Profile.model_fields if name != "red_flags")]
    return tuple(name for name in order if name in wanted)


def _result(
    status: Status,
    screening: Screening,
    details: list[Message],
    advice: tuple[Message, ...],
    reasons: tuple[str, ...],
    lead: Cited | None = None,
) -> ScreeningResult:
    lead = lead or screening.status_messages[status]
    head = Message(id=f"status-{status}", text=lead.text, sources=lead.sources)
    return ScreeningResult(status, (head, *details), advice, reasons)
