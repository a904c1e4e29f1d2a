"""Initial schema: training jobs, experiment tracking, the model registry, kernel images
and log streams.

Every table carries domain, space and owner from this first revision on.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

# Loaded by path, not as a package module: the table definitions are imported absolutely.
from jupyterlab_mlstudio.store.migrations.initial import images, jobs, registry, tracking

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The order of revision 0001, which foreign keys need (parents first).
    images.app_image_configs()
    tracking.experiments()
    images.images()
    jobs.kernel_idle_timeouts()
    jobs.log_streams()
    registry.registered_models()
    jobs.training_jobs()
    tracking.experiment_tags()
    images.image_versions()
    jobs.log_events()
    tracking.logged_models()
    registry.model_aliases()
    registry.model_versions()
    registry.registered_model_tags()
    tracking.runs()
    tracking.applied_batches()
    tracking.latest_metrics()
    tracking.metrics()
    registry.model_version_tags()
    tracking.params()
    tracking.run_inputs()
    tracking.run_outputs()
    tracking.run_tags()


def downgrade() -> None:
    op.drop_table("run_tags")
    op.drop_table("run_outputs")
    op.drop_table("run_inputs")
    op.drop_table("params")
    op.drop_table("model_version_tags")
    op.drop_table("metrics")
    op.drop_table("latest_metrics")
    op.drop_table("applied_batches")
    op.drop_table("runs")
    op.drop_table("registered_model_tags")
    op.drop_table("model_versions")
    op.drop_table("model_aliases")
    op.drop_table("logged_models")
    op.drop_table("log_events")
    op.drop_table("image_versions")
    op.drop_table("experiment_tags")
    op.drop_table("training_jobs")
    op.drop_table("registered_models")
    op.drop_table("log_streams")
    op.drop_table("kernel_idle_timeouts")
    op.drop_table("images")
    op.drop_table("experiments")
    op.drop_table("app_image_configs")
