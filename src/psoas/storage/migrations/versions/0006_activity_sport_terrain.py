"""Activities: the sport read from the file, the terrain (flat, rolling, hilly, unknown), the
device's own climb and moving time, and an index to find an activity imported before.

Activities stored before this revision were all taken as runs and are kept as the sport
"unknown" (counted as runs, as they were); their terrain follows from `hilly` as it was judged
then: hilly, flat when not hilly, unknown without elevation.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SPORTS = ("running", "walking", "hiking", "cycling", "swimming", "other", "unknown")
TERRAINS = ("flat", "rolling", "hilly", "unknown")


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.add_column(
            sa.Column("sport", sa.String(10), nullable=False, server_default="unknown")
        )
        batch.add_column(
            sa.Column("terrain", sa.String(10), nullable=False, server_default="unknown")
        )
        batch.add_column(sa.Column("device_elevation_gain_m", sa.Float(), nullable=True))
        batch.add_column(sa.Column("moving_time_s", sa.Float(), nullable=True))
    op.execute(
        "UPDATE activities SET terrain = CASE WHEN hilly IS NULL THEN 'unknown' "
        "WHEN hilly THEN 'hilly' ELSE 'flat' END"
    )
    with op.batch_alter_table("activities") as batch:
        batch.alter_column("sport", server_default=None)
        batch.alter_column("terrain", server_default=None)
        batch.create_check_constraint("sport", _one_of("sport", SPORTS))
        batch.create_check_constraint("terrain", _one_of("terrain", TERRAINS))
    op.create_index(
        "ix_activities_person_id_started_at_sport",
        "activities",
        ["person_id", "started_at", "sport"],
    )


def downgrade() -> None:
    op.drop_index("ix_activities_person_id_started_at_sport", table_name="activities")
    with op.batch_alter_table("activities") as batch:
        batch.drop_constraint("sport", type_="check")
        batch.drop_constraint("terrain", type_="check")
        batch.drop_column("moving_time_s")
        batch.drop_column("device_elevation_gain_m")
        batch.drop_column("terrain")
        batch.drop_column("sport")
