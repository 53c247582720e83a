"""Sessions: the key a device gave a session it started without a connection, so that sending
the start again when the connection returns finds the same session instead of opening another.

Unique per person; sessions started online (and all older ones) have none.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("client_key", sa.String(64), nullable=True))
    op.create_index(
        "uq_sessions_person_id_client_key", "sessions", ["person_id", "client_key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_sessions_person_id_client_key", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("client_key")
