"""One review of a person's plan: the dose rules, then the return-to-run ladder."""

from collections.abc import Sequence
from datetime import date

from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.progress import RecordedCheckIn, RunDone, SessionDone
from psoas.domain.progression import PlanChange
from psoas.rules.ladder import ladder_review
from psoas.rules.progression import review


def due_changes(
    *,
    plan: Plan,
    profile: Profile,
    catalogue: Catalogue,
    check_ins: Sequence[RecordedCheckIn],
    sessions: Sequence[SessionDone],
    runs: Sequence[RunDone],
    changes: Sequence[PlanChange],
    plan_since: date,
    today: date,
) -> tuple[PlanChange, ...]:
    """Every change due today, given the changes already made; () when nothing is due."""
    dose_changes = review(
        plan=plan,
        profile=profile,
        catalogue=catalogue,
        check_ins=check_ins,
        sessions=sessions,
        changes=changes,
        plan_since=plan_since,
        today=today,
    )
    ladder_changes = ladder_review(
        ladder=catalogue.ladder,
        profile=profile,
        check_ins=check_ins,
        runs=runs,
        changes=[*changes, *dose_changes],
        today=today,
    )
    return (*dose_changes, *ladder_changes)
