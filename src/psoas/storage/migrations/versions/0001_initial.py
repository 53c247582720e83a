"""People, profiles, sessions and their steps; the local person.

Hand-written to match ``psoas.storage.tables`` (a test compares the two) and kept as it is:
later changes go in new revisions.

Revision ID: 0001
Revises:
Create Date: 2025-11-21
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    people = op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_profiles_person_id_people", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_profiles_person_id_saved_at", "profiles", ["person_id", "saved_at"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("plan_day", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("ended_at", UTC_TIME, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("planned_steps", sa.Integer(), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("feel", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_sessions_person_id_people", ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "status IN ('in-progress', 'partial', 'completed')", name=op.f("ck_sessions_status")
        ),
        sa.CheckConstraint("feel IN ('tighter', 'same', 'looser')", name=op.f("ck_sessions_feel")),
        sa.CheckConstraint("plan_day >= 1", name=op.f("ck_sessions_plan_day")),
        sa.CheckConstraint("planned_steps >= 0", name=op.f("ck_sessions_planned_steps")),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name=op.f("ck_sessions_pain_before")),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name=op.f("ck_sessions_pain_after")),
    )
    op.create_index("ix_sessions_person_id_started_at", "sessions", ["person_id", "started_at"])
    op.create_table(
        "session_steps",
        sa.Column("session_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("step_index", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("side", sa.String(10), nullable=True),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("skip_reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "step_index", name="pk_session_steps"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_session_steps_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("outcome IN ('done', 'skipped')", name=op.f("ck_session_steps_outcome")),
        sa.CheckConstraint("side IN ('left', 'right')", name=op.f("ck_session_steps_side")),
        sa.CheckConstraint("step_index >= 0", name=op.f("ck_session_steps_step_index")),
        sa.CheckConstraint("set_number >= 1", name=op.f("ck_session_steps_set_number")),
        sa.CheckConstraint(
            "outcome = 'skipped' OR skip_reason IS NULL", name=op.f("ck_session_steps_skip_reason")
        ),
    )
    # The person of a local install. The first row of a new table gets id 1 on both dialects
    # (psoas.storage.tables.LOCAL_PERSON_ID); inserting without an id keeps PostgreSQL's
    # sequence in step for the people a web app adds later.
    op.bulk_insert(people, [{"name": "local", "created_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("session_steps")
    op.drop_table("sessions")
    op.drop_table("profiles")
    op.drop_table("people")
