"""Which staged restrictions progress check-ins have lifted.

A restriction with `lifted_when` (e.g. no loaded hip flexion while lifting the leg hurts) lifts
once the latest check-ins made since the profile was answered all show the named pains at or
below the progression rule's threshold, as many of them as that rule needs. The thresholds are
the progression rule's own (content/rules/progression.yaml), so "settled" means one thing.
"""

from collections.abc import Sequence
from datetime import date

from psoas.domain.catalogue import Catalogue
from psoas.domain.progress import RecordedCheckIn


def lifted_restrictions(
    catalogue: Catalogue, check_ins: Sequence[RecordedCheckIn], since: date | None = None
) -> frozenset[str]:
    """Ids of the restrictions whose pain has settled in the check-ins on or after `since`.

    A pain the check-in did not answer is not taken as no pain.
    """
    rule = catalogue.progression.progress
    needed = int(rule.check_ins_at_least.value)
    limit = rule.pain_at_most.value
    ordered = sorted(
        (c for c in check_ins if since is None or c.on >= since), key=lambda c: (c.on, c.id)
    )
    latest = ordered[-needed:]
    lifted = set()
    for restriction in catalogue.restrictions:
        settling = restriction.lifted_when
        if settling is None or len(latest) < needed:
            continue
        answers = [c.check_in.pain(key) for c in latest for key in settling.pain]
        if all(value is not None and value <= limit for value in answers):
            lifted.add(restriction.id)
    return frozenset(lifted)
