"""Sitting-break reminders: settings, the running timer and what happened to each reminder.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def _person_key(table: str) -> list[sa.Column[int] | sa.Constraint]:
    return [
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=f"fk_{table}_person_id_people", ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "break_settings",
        *_person_key("break_settings"),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
    )
    op.create_table(
        "break_timers",
        *_person_key("break_timers"),
        sa.Column("driver", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("heartbeat_at", UTC_TIME, nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint("driver IN ('desktop', 'browser')", name="driver"),
    )
    op.create_table(
        "break_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_break_events"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_break_events_person_id_people",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "kind IN ('prompted', 'taken', 'natural', 'snoozed', 'skipped')", name="kind"
        ),
        sa.CheckConstraint("mode IN ('desk', 'drive')", name="mode"),
    )
    op.create_index("ix_break_events_person_id_day", "break_events", ["person_id", "day"])


def downgrade() -> None:
    for table in ("break_events", "break_timers", "break_settings"):
        op.drop_table(table)
