"""add api_tokens and invitations

Revision ID: 2d93a7e5c164
Revises: b86e2d41f07c
Create Date: 2022-08-30 11:05:38.441790

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = "2d93a7e5c164"
down_revision = "b86e2d41f07c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_prefix", sa.String(length=12), nullable=False),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column(
            "scopes",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(name) > 0", name="api_tokens_name_check"),
        sa.CheckConstraint("length(token_prefix) >= 4", name="api_tokens_token_prefix_check"),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="api_tokens_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="api_tokens_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="api_tokens_pkey"),
        sa.UniqueConstraint("token_hash", name="api_tokens_token_hash_key"),
    )
    op.create_index("api_tokens_org_id_user_id_idx", "api_tokens", ["org_id", "user_id"])
    op.create_index("api_tokens_user_id_idx", "api_tokens", ["user_id"])

    op.create_table(
        "invitations",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.Text(), server_default=sa.text("'member'"), nullable=False),
        sa.Column("team_id", sa.BigInteger(), nullable=True),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("invited_by_id", sa.BigInteger(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(email) > 3", name="invitations_email_check"),
        sa.CheckConstraint("role IN ('admin', 'member', 'guest')", name="invitations_role_check"),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="invitations_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="invitations_team_id_fkey", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name="invitations_invited_by_id_fkey",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="invitations_pkey"),
    )
    op.create_index("invitations_token_hash_idx", "invitations", ["token_hash"], unique=True)
    op.create_index("invitations_org_id_email_idx", "invitations", ["org_id", "email"])


def downgrade():
    op.drop_index("invitations_org_id_email_idx", table_name="invitations")
    op.drop_index("invitations_token_hash_idx", table_name="invitations")
    op.drop_table("invitations")
    op.drop_index("api_tokens_user_id_idx", table_name="api_tokens")
    op.drop_index("api_tokens_org_id_user_id_idx", table_name="api_tokens")
    op.drop_table("api_tokens")
