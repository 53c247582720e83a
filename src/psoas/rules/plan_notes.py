"""Notes on a plan beyond screening: where sources disagree, what is held back until pain
settles, and why a plan is shorter than the time set aside."""

from collections.abc import Sequence

from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Message
from psoas.domain.profile import Profile
from psoas.domain.safety import Restriction
from psoas.domain.vocabulary import Status
from psoas.rules.exclusion import DIRECT_PRESSURE_CONFLICT


def pressure_note(
    catalogue: Catalogue, profile: Profile, status: Status, planned: set[str]
) -> tuple[Message, ...]:
    """Where the sources disagree, say so and state the default, or, to someone who chose the
    disputed option, what they chose and what to watch for. Moot while waiting to be seen."""
    if status != "ok":
        return ()
    conflict = catalogue.conflicts[DIRECT_PRESSURE_CONFLICT]
    lead = f"Sources disagree on {conflict.topic.lower()}."
    direct = [
        e.name
        for e in catalogue.exercises.values()
        if e.id in planned and "direct-psoas-pressure" in e.features
    ]
    if profile.allow_direct_psoas_pressure and direct and conflict.when_chosen:
        watch = " ".join(conflict.watch_for)
        text = f"{lead} {conflict.when_chosen} This plan has {direct[0]}. Watch for this: {watch}"
    elif profile.allow_direct_psoas_pressure:
        text = (
            f"{lead} You chose to include direct pressure, but none is in this plan: "
            "'Left out, and why' says what rules each technique out for you."
        )
    else:
        text = f"{lead} {conflict.default} {conflict.reason}"
    return (Message(id=f"conflict-{conflict.id}", text=text, sources=conflict.sources),)


def locked_notes(held_back: Sequence[Restriction]) -> tuple[Message, ...]:
    """For each staged restriction holding exercises back, what unlocks them."""
    return tuple(
        Message(id=f"unlocks-{r.id}", text=r.lifted_when.text, sources=r.sources)
        for r in held_back
        if r.lifted_when is not None
    )


def unlocked_notes(lifted: Sequence[Restriction]) -> tuple[Message, ...]:
    """For each staged restriction check-ins have lifted while its trigger still holds: what
    has joined the plan, and why."""
    return tuple(
        Message(id=f"unlocked-{r.id}", text=r.lifted_when.joined, sources=r.sources)
        for r in lifted
        if r.lifted_when is not None
    )


def shorter_than_budget(
    profile: Profile, catalogue: Catalogue, status: Status, total_s: float
) -> tuple[Message, ...]:
    """A plan using well under the minutes set aside says so instead of padding the doses."""
    share = catalogue.parameters.shorter_than_budget_share
    budget_s = profile.minutes_per_session * 60
    if status != "ok" or total_s * 100 >= share.value * budget_s:
        return ()
    minutes = max(1, round(total_s / 60))
    text = (
        f"This plan takes about {minutes} of your {profile.minutes_per_session} minutes. The "
        "doses start at the low end of what the sources give and they do not call for more, so "
        "the plan does not pad them: a walk, or a second session later in the day, helps more "
        f"than longer holds. {share.choice_note}"
    )
    return (Message(id="shorter-than-budget", text=text.strip(), sources=share.sources),)
