"""Sign-in throttle: failed attempts per hashed key, shared by every server process.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name="pk_sign_in_throttle"),
    )
    op.create_index(
        "ix_sign_in_throttle_window_started_at", "sign_in_throttle", ["window_started_at"]
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
