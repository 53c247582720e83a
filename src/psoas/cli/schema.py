"""`psoas schema profile|plan`: JSON Schema of the public formats (kept in schemas/)."""

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer


class SchemaName(StrEnum):
    profile = "profile"
    plan = "plan"


def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema: profile or plan.")],
) -> None:
    """Print the JSON Schema of a profile (input) or a plan (output)."""
    from psoas.domain.plan import Plan
    from psoas.domain.profile import Profile

    # A profile is read in, a plan is written out: each schema describes that direction.
    if name is SchemaName.profile:
        document = Profile.model_json_schema(mode="validation")
    else:
        document = Plan.model_json_schema(mode="serialization")
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
