"""add labels and issue_labels; threaded comments; issues.estimate_points

Revision ID: b86e2d41f07c
Revises: 5a7f03c9d812
Create Date: 2022-02-14 13:27:45.067318

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b86e2d41f07c"
down_revision = "5a7f03c9d812"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "labels",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("color", sa.String(length=7), server_default=sa.text("'#808080'"), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("length(name) > 0", name="labels_name_check"),
        sa.CheckConstraint("length(color) = 7", name="labels_color_check"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name="labels_project_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="labels_pkey"),
        sa.UniqueConstraint("project_id", "name", name="labels_project_id_name_key"),
    )

    op.create_table(
        "issue_labels",
        sa.Column("issue_id", sa.BigInteger(), nullable=False),
        sa.Column("label_id", sa.BigInteger(), nullable=False),
        sa.Column("added_by_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issues.id"], name="issue_labels_issue_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["label_id"], ["labels.id"], name="issue_labels_label_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["users.id"],
            name="issue_labels_added_by_id_fkey",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("issue_id", "label_id", name="issue_labels_pkey"),
    )
    op.create_index("issue_labels_label_id_idx", "issue_labels", ["label_id"])

    # Replies: a comment may answer another comment of the same issue.
    op.add_column("comments", sa.Column("parent_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        "comments_parent_id_fkey",
        "comments",
        "comments",
        ["parent_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_check_constraint(
        "comments_parent_id_check", "comments", "parent_id IS NULL OR parent_id <> id"
    )
    op.create_index("comments_parent_id_idx", "comments", ["parent_id"])

    op.add_column("issues", sa.Column("estimate_points", sa.Integer(), nullable=True))
    op.create_check_constraint(
        "issues_estimate_points_check",
        "issues",
        "estimate_points IS NULL OR estimate_points >= 0",
    )


def downgrade():
    op.drop_constraint("issues_estimate_points_check", "issues", type_="check")
    op.drop_column("issues", "estimate_points")
    op.drop_index("comments_parent_id_idx", table_name="comments")
    op.drop_constraint("comments_parent_id_check", "comments", type_="check")
    op.drop_constraint("comments_parent_id_fkey", "comments", type_="foreignkey")
    op.drop_column("comments", "parent_id")
    op.drop_index("issue_labels_label_id_idx", table_name="issue_labels")
    op.drop_table("issue_labels")
    op.drop_table("labels")
