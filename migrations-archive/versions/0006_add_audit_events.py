"""add audit_events; index issues by (assignee_id, status)

Revision ID: 71f0c8b3e9a2
Revises: 2d93a7e5c164
Create Date: 2023-01-23 15:48:19.702655

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = "71f0c8b3e9a2"
down_revision = "2d93a7e5c164"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("public_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("actor_user_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_token_id", sa.BigInteger(), nullable=True),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("target_type", sa.String(length=50), nullable=True),
        sa.Column("target_id", sa.BigInteger(), nullable=True),
        sa.Column("ip_address", sa.String(length=45), nullable=True),
        sa.Column(
            "metadata",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(action) > 0", name="audit_events_action_check"),
        sa.CheckConstraint(
            "(target_type IS NULL AND target_id IS NULL)"
            " OR (target_type IS NOT NULL AND target_id IS NOT NULL)",
            name="audit_events_target_check",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="audit_events_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name="audit_events_actor_user_id_fkey",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor_token_id"],
            ["api_tokens.id"],
            name="audit_events_actor_token_id_fkey",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="audit_events_pkey"),
        sa.UniqueConstraint("public_id", name="audit_events_public_id_key"),
    )
    op.create_index(
        "audit_events_org_id_occurred_at_idx", "audit_events", ["org_id", "occurred_at"]
    )
    op.create_index("audit_events_actor_user_id_idx", "audit_events", ["actor_user_id"])

    # "My open issues" filters on status too; the composite index replaces the single one.
    op.create_index("issues_assignee_id_status_idx", "issues", ["assignee_id", "status"])
    op.drop_index("issues_assignee_id_idx", table_name="issues")


def downgrade():
    op.create_index("issues_assignee_id_idx", "issues", ["assignee_id"])
    op.drop_index("issues_assignee_id_status_idx", table_name="issues")
    op.drop_index("audit_events_actor_user_id_idx", table_name="audit_events")
    op.drop_index("audit_events_org_id_occurred_at_idx", table_name="audit_events")
    op.drop_table("audit_events")
