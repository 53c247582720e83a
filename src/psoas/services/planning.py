"""Plans from profiles, on the packaged catalogue."""

from pathlib import Path

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.rules import build_plan
from psoas.services.profiles import read_profile


def plan_for(profile: Profile) -> Plan:
    return build_plan(profile, load_catalogue())


def plan_from_file(path: Path) -> Plan:
    return plan_for(read_profile(path))


def plan_json(plan: Plan) -> str:
    """The public JSON form: stable key order and layout, so equal plans are equal bytes."""
    return plan.model_dump_json(indent=2) + "\n"
