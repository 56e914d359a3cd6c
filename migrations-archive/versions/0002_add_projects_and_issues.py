"""add projects, issues and comments

Revision ID: e41d8b6c2a95
Revises: 9c2f4e1a7b30
Create Date: 2021-04-19 16:02:11.904517

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e41d8b6c2a95"
down_revision = "9c2f4e1a7b30"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "projects",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("org_id", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("visibility", sa.Text(), server_default=sa.text("'org'"), nullable=False),
        sa.Column("issue_counter", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_by_id", sa.BigInteger(), nullable=True),
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
        sa.CheckConstraint("length(code) > 0", name="projects_code_check"),
        sa.CheckConstraint(
            "visibility IN ('private', 'org', 'public')", name="projects_visibility_check"
        ),
        sa.CheckConstraint("issue_counter >= 0", name="projects_issue_counter_check"),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name="projects_org_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name="projects_created_by_id_fkey",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="projects_pkey"),
        sa.UniqueConstraint("org_id", "code", name="projects_org_id_code_key"),
    )
    op.create_index("projects_org_id_archived_idx", "projects", ["org_id", "archived"])

    op.create_table(
        "issues",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.BigInteger(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default=sa.text("'open'"), nullable=False),
        sa.Column("priority", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("reporter_id", sa.BigInteger(), nullable=False),
        sa.Column("assignee_id", sa.BigInteger(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.CheckConstraint("number > 0", name="issues_number_check"),
        sa.CheckConstraint("length(title) > 0", name="issues_title_check"),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'done', 'closed')", name="issues_status_check"
        ),
        sa.CheckConstraint("priority >= 0 AND priority <= 4", name="issues_priority_check"),
        sa.CheckConstraint(
            "closed_at IS NULL OR status IN ('done', 'closed')", name="issues_closed_at_check"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name="issues_project_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["users.id"], name="issues_reporter_id_fkey", ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name="issues_assignee_id_fkey", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="issues_pkey"),
        sa.UniqueConstraint("project_id", "number", name="issues_project_id_number_key"),
    )
    op.create_index("issues_project_id_status_idx", "issues", ["project_id", "status"])
    op.create_index("issues_assignee_id_idx", "issues", ["assignee_id"])
    op.create_index("issues_reporter_id_idx", "issues", ["reporter_id"])

    op.create_table(
        "comments",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("issue_id", sa.BigInteger(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(body) > 0", name="comments_body_check"),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issues.id"], name="comments_issue_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name="comments_author_id_fkey", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="comments_pkey"),
    )
    op.create_index("comments_issue_id_created_at_idx", "comments", ["issue_id", "created_at"])
    op.create_index("comments_author_id_idx", "comments", ["author_id"])


def downgrade():
    op.drop_index("comments_author_id_idx", table_name="comments")
    op.drop_index("comments_issue_id_created_at_idx", table_name="comments")
    op.drop_table("comments")
    op.drop_index("issues_reporter_id_idx", table_name="issues")
    op.drop_index("issues_assignee_id_idx", table_name="issues")
    op.drop_index("issues_project_id_status_idx", table_name="issues")
    op.drop_table("issues")
    op.drop_index("projects_org_id_archived_idx", table_name="projects")
    op.drop_table("projects")
