"""Review a plan against what happened since it last changed: stop, step back, or progress.

``review`` is pure and idempotent: it returns only the changes that are due on ``today`` given the
changes already made, so running it twice in a row returns nothing the second time. The rules and
their thresholds come from content/rules/progression.yaml.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from psoas.domain.catalogue import Catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.domain.progress import PAIN_KEYS, PainKey, RecordedCheckIn, SessionDone
from psoas.domain.progression import ChangeKind, DoseLevel, PlanChange, ProgressionRules, Rule
from psoas.rules.dose_steps import easier, harder, level_of

DOSE_KINDS = ("progress", "step-back")
PAIN_WORDS: dict[PainKey, str] = {
    "now": "pain now",
    "sitting": "pain sitting",
    "running": "pain running",
    "hills_or_stairs": "pain on hills or stairs",
    "lifting_leg": "pain lifting the leg",
}


@dataclass(frozen=True, slots=True)
class DoseState:
    """The changes so far, folded: the dose in force per slot and when things last changed."""

    levels: dict[str, DoseLevel] = field(default_factory=dict)
    slot_changed_on: dict[str, date] = field(default_factory=dict)
    stopped_by: PlanChange | None = None


def dose_state(changes: Sequence[PlanChange]) -> DoseState:
    levels: dict[str, DoseLevel] = {}
    changed_on: dict[str, date] = {}
    stopped_by: PlanChange | None = None
    for change in sorted(changes, key=lambda c: c.on):
        if change.kind == "stop":
            stopped_by = change
        elif change.kind == "resume":
            stopped_by = None
        elif change.kind in DOSE_KINDS and change.slot and change.after:
            levels[change.slot] = change.after
            changed_on[change.slot] = change.on
    return DoseState(levels, changed_on, stopped_by)


def review(
    *,
    plan: Plan,
    profile: Profile,
    catalogue: Catalogue,
    check_ins: Sequence[RecordedCheckIn],
    sessions: Sequence[SessionDone],
    changes: Sequence[PlanChange],
    plan_since: date,
    today: date,
) -> tuple[PlanChange, ...]:
    """The changes due today. A red flag stops everything; a stopped plan only resumes."""
    rules = catalogue.progression
    state = dose_state(changes)
    ordered = sorted((c for c in check_ins if c.on <= today), key=lambda c: (c.on, c.id))
    safety = _red_flag_change(rules, state, ordered, today)
    if safety is not None or state.stopped_by is not None:
        return () if safety is None else (safety,)
    if plan.status == "urgent-care":
        return ()

    slots = {
        item.exercise: state.levels.get(item.exercise, level_of(item))
        for p in plan.phases
        for item in p.items
    }
    anchor = max([plan_since, *(c.on for c in changes if c.kind in (*DOSE_KINDS, "resume"))])
    recent = [c for c in ordered if _after(c.on, anchor, plan_since, today)]
    doser = _Doser(profile, plan, catalogue, today, int(rules.progress.hold_step_s.value))
    stepped = _pain_rise(rules, doser, slots, ordered, recent, anchor)
    if stepped:
        return stepped
    skipped = _pain_skips(rules, doser, slots, sessions, state, plan_since)
    if skipped:
        return skipped
    return _progress(rules, doser, slots, ordered, sessions, anchor)


def _red_flag_change(
    rules: ProgressionRules,
    state: DoseState,
    ordered: Sequence[RecordedCheckIn],
    today: date,
) -> PlanChange | None:
    if not ordered:
        return None
    latest = ordered[-1]
    rule = rules.stop_on_red_flag
    flags = latest.check_in.red_flags
    if flags and state.stopped_by is None:
        named = ", ".join(flag.replace("-", " ") for flag in flags)
        return PlanChange(
            on=today,
            kind="stop",
            rule=rule.id,
            reason=(
                f"You reported {named} on {latest.on.isoformat()}. This is a warning sign: the "
                "exercises stop and the plan shows where to get care, as at screening."
            ),
            sources=rule.sources,
            check_ins=(latest.id,),
            red_flags=flags,
        )
    stop = state.stopped_by
    # Only a check-in made after the one that stopped the plan can lift the stop.
    if not flags and stop is not None and latest.id > max(stop.check_ins, default=0):
        return PlanChange(
            on=today,
            kind="resume",
            rule=rule.id,
            reason=(
                f"Your check-in of {latest.on.isoformat()} reports no warning sign, so the plan "
                "carries on. If you have not been seen about the earlier one, please do."
            ),
            sources=rule.sources,
            check_ins=(latest.id,),
        )
    return None


Slots = dict[str, DoseLevel]


@dataclass(frozen=True, slots=True)
class _Doser:
    """What every dose change of one review shares: who, which plan, which day, how big a step."""

    profile: Profile
    plan: Plan
    catalogue: Catalogue
    today: date
    hold_step_s: int

    def every_slot(
        self,
        kind: ChangeKind,
        rule: Rule,
        reason: str,
        slots: Slots,
        *,
        check_ins: tuple[int, ...] = (),
        sessions: tuple[int, ...] = (),
    ) -> tuple[PlanChange, ...]:
        """The change for every slot, in plan order; a slot that swaps variant claims it, so
        two slots never land on the same exercise."""
        in_use = {slot: level.exercise for slot, level in slots.items()}
        changes = []
        for slot, level in slots.items():
            taken = frozenset(e for other, e in in_use.items() if other != slot)
            change = self.one_slot(
                kind, rule, reason, slot, level, taken, check_ins=check_ins, sessions=sessions
            )
            if change.after is not None:
                in_use[slot] = change.after.exercise
            changes.append(change)
        return tuple(changes)

    def one_slot(
        self,
        kind: ChangeKind,
        rule: Rule,
        reason: str,
        slot: str,
        level: DoseLevel,
        taken: frozenset[str],
        *,
        check_ins: tuple[int, ...] = (),
        sessions: tuple[int, ...] = (),
    ) -> PlanChange:
        """The change for one slot. At the end of the road the dose stays and the reason says
        so, so the record still shows the rule fired and what to do about it."""
        step = harder if kind == "progress" else easier
        move = step(level, self.hold_step_s, self.profile, self.plan.status, self.catalogue, taken)
        name = self.catalogue.exercises[level.exercise].name
        if move is None:
            after = level
            tail = (
                f". {name} is already at the top of its range, so it stays as it is."
                if kind == "progress"
                else f". {name} is already at its lightest: if it keeps hurting, leave it out "
                "and see a physiotherapist or doctor."
            )
        else:
            after, what = move
            tail = f". {name}: {what}."
        return PlanChange(
            on=self.today,
            kind=kind,
            rule=rule.id,
            slot=slot,
            before=level,
            after=after,
            reason=f"{reason}{tail} {rule.choice_note}".strip(),
            sources=rule.sources,
            check_ins=check_ins,
            sessions=sessions,
        )


def _pain_rise(
    rules: ProgressionRules,
    doser: _Doser,
    slots: Slots,
    ordered: Sequence[RecordedCheckIn],
    recent: Sequence[RecordedCheckIn],
    anchor: date,
) -> tuple[PlanChange, ...]:
    """Pain in any context rising by the threshold over its value when the plan last changed."""
    rule = rules.step_back_on_pain_rise
    threshold = rule.rise_at_least.value
    for context in PAIN_KEYS:
        base = _baseline(ordered, anchor, context)
        if base is None:
            continue
        for check_in in recent:
            value = check_in.check_in.pain(context)
            if check_in.id == base.id or value is None:
                continue
            before = base.check_in.pain(context)
            assert before is not None  # _baseline only returns answered check-ins
            if value - before >= threshold:
                words = PAIN_WORDS[context]
                reason = (
                    f"Your {words} rose from {before} ({base.on.isoformat()}) to {value} "
                    f"({check_in.on.isoformat()}): a rise of {threshold:g} points or more is a "
                    "change that matters, so this steps back"
                )
                return doser.every_slot(
                    "step-back", rule, reason, slots, check_ins=(base.id, check_in.id)
                )
    return ()


def _after(day: date, anchor: date, plan_since: date, today: date) -> bool:
    """Whether a record counts since the anchor: after a change's day (records that day came
    before it), or from the plan's first day when nothing has changed yet."""
    return (anchor < day or day == anchor == plan_since) and day <= today


def _baseline(
    ordered: Sequence[RecordedCheckIn], anchor: date, context: PainKey
) -> RecordedCheckIn | None:
    """The answer in force when the plan last changed: the latest on or before the anchor day,
    else the first one after it."""
    answered = [c for c in ordered if c.check_in.pain(context) is not None]
    before = [c for c in answered if c.on <= anchor]
    if before:
        return before[-1]
    return answered[0] if answered else None


def _pain_skips(
    rules: ProgressionRules,
    doser: _Doser,
    slots: Slots,
    sessions: Sequence[SessionDone],
    state: DoseState,
    plan_since: date,
) -> tuple[PlanChange, ...]:
    rule = rules.step_back_on_pain_skips
    needed = int(rule.skips_in_a_row.value)
    changes: list[PlanChange] = []
    # As in every_slot: a slot that swaps variant claims it, so two skipped exercises stepping
    # back in the same review never land on the same easier variant.
    in_use = {slot: level.exercise for slot, level in slots.items()}
    for slot, level in slots.items():
        since = state.slot_changed_on.get(slot, plan_since)
        held = sorted(
            (
                s
                for s in sessions
                if level.exercise in s.exercises and _after(s.on, since, plan_since, doser.today)
            ),
            key=lambda s: (s.on, s.id),
        )[-needed:]
        if len(held) < needed or not all(level.exercise in s.skipped_for_pain for s in held):
            continue
        name = doser.catalogue.exercises[level.exercise].name
        reason = (
            f"{name} was skipped for pain in your last {needed} sessions "
            f"({', '.join(s.on.isoformat() for s in held)}), so it steps back"
        )
        taken = frozenset(e for other, e in in_use.items() if other != slot)
        change = doser.one_slot(
            "step-back", rule, reason, slot, level, taken, sessions=tuple(s.id for s in held)
        )
        if change.after is not None:
            in_use[slot] = change.after.exercise
        changes.append(change)
    return tuple(changes)


def _progress(
    rules: ProgressionRules,
    doser: _Doser,
    slots: Slots,
    ordered: Sequence[RecordedCheckIn],
    sessions: Sequence[SessionDone],
    anchor: date,
) -> tuple[PlanChange, ...]:
    rule = rules.progress
    today = doser.today
    window_days = int(rule.window_days.value)
    start = today - timedelta(days=window_days)
    if anchor > start:
        return ()
    window = [c for c in ordered if start < c.on <= today]
    if len(window) < rule.check_ins_at_least.value:
        return ()
    worst = max(
        value
        for c in window
        for value in (c.check_in.pain(key) for key in PAIN_KEYS)
        if value is not None
    )
    if worst > rule.pain_at_most.value:
        return ()
    done = [s for s in sessions if s.completed and start < s.on <= today]
    planned = doser.profile.sessions_per_week * window_days / 7
    done_pct = 100 * len(done) / planned
    if done_pct < rule.sessions_done_at_least_pct.value:
        return ()
    reason = (
        f"{window_days} days ({(start + timedelta(days=1)).isoformat()} to {today.isoformat()}) "
        f"with pain at most {worst} in all {len(window)} check-ins and {len(done)} of "
        f"{planned:g} planned sessions done ({done_pct:.0f}%), so one step harder"
    )
    return doser.every_slot(
        "progress",
        rule,
        reason,
        slots,
        check_ins=tuple(c.id for c in window),
        sessions=tuple(s.id for s in done),
    )
