"""initial: orgs, users, memberships

Revision ID: 9c2f4e1a7b30
Revises:
Create Date: 2021-03-08 10:14:52.318204

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "9c2f4e1a7b30"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orgs",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.Text(), server_default=sa.text("'free'"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("length(slug) > 0", name="orgs_slug_check"),
        sa.CheckConstraint("plan IN ('free', 'team', 'enterprise')", name="orgs_plan_check"),
        sa.PrimaryKeyConstraint("id", name="orgs_pkey"),
        sa.UniqueConstraint("slug", name="orgs_slug_key"),
    )

    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("is_staff", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(email) > 3", name="users_email_check"),
        sa.CheckConstraint("length(display_name) > 0", name="users_display_name_check"),
        sa.PrimaryKeyConstraint("id", name="users_pkey"),
        sa.UniqueConstraint("email", name="users_email_key"),
    )

    op.create_table(
        "memberships",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.Text(), server_default=sa.text("'member'"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "role IN ('owner', 'admin', 'member', 'guest')", name="memberships_role_check"
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="memberships_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="memberships_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="memberships_pkey"),
        sa.UniqueConstraint("org_id", "user_id", name="memberships_org_id_user_id_key"),
    )
    op.create_index("memberships_user_id_idx", "memberships", ["user_id"])


def downgrade():
    op.drop_index("memberships_user_id_idx", table_name="memberships")
    op.drop_table("memberships")
    op.drop_table("users")
    op.drop_table("orgs")
