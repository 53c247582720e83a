"""Accounts for the multi-user web app: username, password hash, API token hash; logins.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Batch mode: SQLite cannot add a UNIQUE constraint to an existing table in place.
    with op.batch_alter_table("people") as people:
        people.add_column(sa.Column("username", sa.String(64), nullable=True))
        people.add_column(sa.Column("password_hash", sa.String(200), nullable=True))
        people.add_column(sa.Column("api_token_hash", sa.String(64), nullable=True))
        people.create_unique_constraint("uq_people_username", ["username"])
        people.create_unique_constraint("uq_people_api_token_hash", ["api_token_hash"])
    op.create_table(
        "logins",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_logins"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_logins_person_id_people", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_logins_person_id", "logins", ["person_id"])


def downgrade() -> None:
    op.drop_table("logins")
    with op.batch_alter_table("people") as people:
        people.drop_constraint("uq_people_api_token_hash", type_="unique")
        people.drop_constraint("uq_people_username", type_="unique")
        people.drop_column("api_token_hash")
        people.drop_column("password_hash")
        people.drop_column("username")
