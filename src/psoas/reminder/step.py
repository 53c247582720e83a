"""One step of the desktop reminder's timer, in a short-lived process:
`python -m psoas.reminder.step --profile P --pid N ...` with a JSON request on standard input
(psoas.reminder.wire) and the resident process's orders as JSON on standard output.

The resident process starts one of these only when something changed or a sign of life is due,
a few times an hour; everything heavy (SQLAlchemy, pydantic, the catalogue) is loaded here and
gone again a second later. Exit 1 with one line on standard error when the step failed.
"""

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="psoas-break-step", description=__doc__)
    parser.add_argument("--profile", type=Path, required=True)
    parser.add_argument("--pid", type=int, required=True)
    # The reminder's mode and interval: what a start sets up; other steps read the timer.
    parser.add_argument("--mode", choices=("desk", "drive"), default="desk")
    parser.add_argument("--interval-minutes", type=int, default=60)
    parser.add_argument("--database-url")
    options = parser.parse_args(argv)
    try:
        sys.stdout.write(_run(options, sys.stdin.read()) + "\n")
    except Exception as error:  # one line for the resident's log; it tries again
        sys.stderr.write(f"break step failed: {type(error).__name__}: {error}\n")
        return 1
    return 0


def _run(options: argparse.Namespace, request: str) -> str:
    from psoas.domain.plan import Plan
    from psoas.reminder.wire import answer_of, moment, observation_of, orders_text, read_request
    from psoas.services import break_orders
    from psoas.services.profiles import read_profile
    from psoas.services.progress import current_plan
    from psoas.storage import LOCAL_PERSON_ID, create_engine_for, database_url

    data = read_request(request)
    # No migration here: `psoas breaks start` opened (and so upgraded) the database first.
    engine = create_engine_for(database_url(options.database_url))

    def plan() -> Plan:
        return current_plan(engine, read_profile(options.profile))

    person = {"person_id": LOCAL_PERSON_ID, "pid": options.pid}
    try:
        if data["op"] == "stop":
            break_orders.stop(engine, **person)
            return "{}"
        now = moment(data, "now")
        if data["op"] == "start":
            orders = break_orders.start(
                engine,
                **person,
                mode=options.mode,
                interval_min=options.interval_minutes,
                details=data.get("details") or {},
                now=now,
            )
        elif data["op"] == "step":
            orders = break_orders.step(
                engine,
                **person,
                observation=observation_of(data),
                seen_until=moment(data, "seen_until"),
                shown_at=moment(data, "shown_at") if data.get("shown_at") else None,
                now=now,
                plan=plan,
            )
        elif data["op"] == "answer":
            orders = break_orders.answer(
                engine, **person, reply=answer_of(data), now=now, plan=plan
            )
        else:
            raise ValueError(f"op: one of start, step, answer, stop (got {data['op']!r})")
        return orders_text(orders)
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
