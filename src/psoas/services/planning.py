"""Plans from profiles, on the packaged catalogue."""

from functools import lru_cache
from pathlib import Path

from psoas.catalogue import load_catalogue
from psoas.domain.plan import Plan
from psoas.domain.profile import Profile
from psoas.rules import build_plan
from psoas.services.profiles import read_profile


def plan_for(profile: Profile, lifted: frozenset[str] = frozenset()) -> Plan:
    """The plan for a profile, with the staged restrictions progress check-ins have lifted."""
    return _plan(profile, lifted, id(load_catalogue()))


@lru_cache(maxsize=1024)
def _plan(profile: Profile, lifted: frozenset[str], _catalogue_id: int) -> Plan:
    """Plans are pure functions of the profile and the content, and both are frozen: the web app
    asks for the same person's plan on every page, so recent ones are remembered. The catalogue
    is not hashable, so its id stands for it in the key (cached catalogues live as long as the
    process, so an id is never reused for other content)."""
    return build_plan(profile, load_catalogue(), lifted)


def plan_from_file(path: Path) -> Plan:
    return plan_for(read_profile(path))


def plan_json(plan: Plan) -> str:
    """The public JSON form: stable key order and layout, so equal plans are equal bytes."""
    return plan.model_dump_json(indent=2) + "\n"
