"""An experiment's or a run's record in the caller's domain, or NotFound in MLflow's words."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.orm import Session

from ..core.context import DEFAULT_DOMAIN, RequestContext, visible
from ..core.errors import InvalidInput
from ..store.lookup import one_in_domain
from .models import ViewType
from .orm import ExperimentRecord, RunRecord


def default_experiment_id(domain: str) -> str:
    """The id of MLflow's experiment "0" (Default) of ``domain``."""
    return "0" if domain == DEFAULT_DOMAIN else f"0-{domain}"


def domain_experiments(context: RequestContext) -> Any:
    """The clause of the experiments the caller sees: their spaces', and the domain's Default
    one (every MLflow client's experiment when it names none; its runs stay their spaces')."""
    return or_(
        visible(ExperimentRecord, context),
        and_(
            ExperimentRecord.domain == context.domain,
            ExperimentRecord.experiment_id == default_experiment_id(context.domain),
        ),
    )


def experiment_record(
    session: Session, context: RequestContext, experiment_id: str
) -> ExperimentRecord:
    if str(experiment_id) == default_experiment_id(context.domain):
        context = replace(context, spaces=None)
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
