"""Status from red flags and referral triggers: urgent-care beats see-professional beats ok."""

from dataclasses import dataclass

from psoas.domain.plan import Message
from psoas.domain.profile import Profile
from psoas.domain.safety import Referral, Screening
from psoas.domain.vocabulary import Status


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    status: Status
    # The status message first, then what to do for each warning sign or referral found.
    messages: tuple[Message, ...]


def screen(profile: Profile, screening: Screening) -> ScreeningResult:
    flagged_groups = {q.group for q in screening.red_flags if q.id in profile.red_flags}
    if flagged_groups:
        groups = [g for g in screening.red_flag_groups if g.id in flagged_groups]
        # Emergencies first, so the most urgent instruction is read first.
        groups.sort(key=lambda group: group.urgency != "emergency")
        details = [Message(id=f"red-flag-{g.id}", text=g.text, sources=g.sources) for g in groups]
        return _result("urgent-care", screening, details)

    referrals = [r for r in screening.referrals if _triggered(r, profile)]
    if referrals:
        details = [
            Message(id=f"referral-{r.id}", text=r.text, sources=r.sources) for r in referrals
        ]
        return _result("see-professional", screening, details)
    return _result("ok", screening, [])


def _result(status: Status, screening: Screening, details: list[Message]) -> ScreeningResult:
    lead = screening.status_messages[status]
    head = Message(id=f"status-{status}", text=lead.text, sources=lead.sources)
    return ScreeningResult(status=status, messages=(head, *details))


def _triggered(referral: Referral, profile: Profile) -> bool:
    if set(referral.conditions) & set(profile.conditions):
        return True
    if set(referral.symptoms) & set(profile.symptoms):
        return True
    threshold = referral.pain_now_at_least
    return threshold is not None and profile.pain_now >= threshold
