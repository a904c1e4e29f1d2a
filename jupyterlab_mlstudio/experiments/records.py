"""An experiment's or a run's record in the caller's domain, or NotFound in MLflow's words."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..store.lookup import one_in_domain
from .models import ViewType
from .orm import ExperimentRecord, RunRecord


def experiment_record(
    session: Session, context: RequestContext, experiment_id: str
) -> ExperimentRecord:
    return one_in_domain(
        session,
        ExperimentRecord,
        context,
        f"No Experiment with id={experiment_id} exists",
        experiment_id=str(experiment_id),
    )


def run_record(session: Session, context: RequestContext, run_id: str) -> RunRecord:
    return one_in_domain(
        session, RunRecord, context, f"Run with id={run_id} not found", run_id=run_id
    )


def check_active(record: RunRecord) -> None:
    """Only an active (not deleted) run may change."""
    if record.lifecycle_stage != "active":
        raise InvalidInput(
            f"The run {record.run_id} must be in the 'active' state. Current state is "
            f"{record.lifecycle_stage}."
        )


def stages(view: ViewType) -> tuple[str, ...]:
    """The lifecycle stages a view shows."""
    return {"ACTIVE_ONLY": ("active",), "DELETED_ONLY": ("deleted",), "ALL": ("active", "deleted")}[
        view.value
    ]
