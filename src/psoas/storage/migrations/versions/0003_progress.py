"""Progress: check-ins, imported runs and the plan's change history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)
KINDS = ("progress", "step-back", "stop", "resume", "ladder-start", "ladder-up", "ladder-down")


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _owner(table: str) -> list[sa.Column[Any] | sa.Constraint]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=f"fk_{table}_person_id_people", ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "check_ins",
        *_owner("check_ins"),
        sa.Column("pain_now", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.CheckConstraint("pain_now BETWEEN 0 AND 10", name="pain_now"),
    )
    op.create_table(
        "activities",
        *_owner("activities"),
        sa.Column("started_at", UTC_TIME, nullable=True),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("elevation_gain_m", sa.Float(), nullable=True),
        sa.Column("max_sustained_grade_pct", sa.Float(), nullable=True),
        sa.Column("hilly", sa.Boolean(), nullable=True),
        sa.Column("point_count", sa.Integer(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("imported_at", UTC_TIME, nullable=False),
        sa.CheckConstraint(_one_of("format", ("gpx", "tcx", "fit")), name="format"),
        sa.CheckConstraint("distance_m >= 0", name="distance_m"),
        sa.CheckConstraint("elevation_gain_m >= 0", name="elevation_gain_m"),
    )
    op.create_table(
        "plan_changes",
        *_owner("plan_changes"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.CheckConstraint(_one_of("kind", KINDS), name="kind"),
    )
    for table in ("check_ins", "activities", "plan_changes"):
        op.create_index(f"ix_{table}_person_id_day", table, ["person_id", "day"])


def downgrade() -> None:
    for table in ("plan_changes", "activities", "check_ins"):
        op.drop_table(table)
