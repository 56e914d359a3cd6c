"""add teams and team_members; projects.team_id; orgs.settings

Revision ID: 5a7f03c9d812
Revises: e41d8b6c2a95
Create Date: 2021-09-27 09:41:06.220931

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = "5a7f03c9d812"
down_revision = "e41d8b6c2a95"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "teams",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("parent_team_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(slug) > 0", name="teams_slug_check"),
        sa.CheckConstraint(
            "parent_team_id IS NULL OR parent_team_id <> id", name="teams_parent_team_id_check"
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="teams_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["parent_team_id"],
            ["teams.id"],
            name="teams_parent_team_id_fkey",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="teams_pkey"),
        sa.UniqueConstraint("org_id", "slug", name="teams_org_id_slug_key"),
    )
    op.create_index("teams_parent_team_id_idx", "teams", ["parent_team_id"])

    op.create_table(
        "team_members",
        sa.Column("team_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.Text(), server_default=sa.text("'member'"), nullable=False),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("role IN ('maintainer', 'member')", name="team_members_role_check"),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="team_members_team_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="team_members_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name="team_members_pkey"),
    )
    op.create_index("team_members_user_id_idx", "team_members", ["user_id"])

    op.add_column("projects", sa.Column("team_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        "projects_team_id_fkey",
        "projects",
        "teams",
        ["team_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index("projects_team_id_idx", "projects", ["team_id"])

    op.add_column(
        "orgs",
        sa.Column(
            "settings",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )


def downgrade():
    op.drop_column("orgs", "settings")
    op.drop_index("projects_team_id_idx", table_name="projects")
    op.drop_constraint("projects_team_id_fkey", "projects", type_="foreignkey")
    op.drop_column("projects", "team_id")
    op.drop_index("team_members_user_id_idx", table_name="team_members")
    op.drop_table("team_members")
    op.drop_index("teams_parent_team_id_idx", table_name="teams")
    op.drop_table("teams")
