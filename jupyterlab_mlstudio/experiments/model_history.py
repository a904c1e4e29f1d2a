"""A run's history of logged models (MLflow's ``mlflow.log-model.history`` tag): what
``log_model`` records about each model it saves into the run's artifacts."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..store import Database
from .models import Tag
from .orm import TagRecord
from .records import check_active, run_record
from .writes import write_tags

HISTORY_TAG = "mlflow.log-model.history"
#: What a model's description must hold, and what of it the history keeps.
REQUIRED = ("artifact_path", "flavors", "utc_time_created", "run_id")
KEPT = ("run_id", "utc_time_created", "artifact_path", "model_uuid")


def history_entry(model_json: str) -> dict[str, Any]:
    """The part of an ``MLmodel`` description (JSON) the history keeps; flavors lose their
    bulky ``config``."""
    try:
        model = json.loads(model_json)
    except ValueError as error:
        raise InvalidInput(
            f"Malformed model info. \n {model_json} \n is not a valid JSON.", field="model_json"
        ) from error
    if not isinstance(model, dict):
        raise InvalidInput("model_json must be a JSON object", field="model_json")
    missing = sorted(set(REQUIRED) - set(model))
    if missing:
        raise InvalidInput(
            f"Model json is missing mandatory fields: {set(missing)}", field="model_json"
        )
    flavors = model["flavors"] if isinstance(model["flavors"], dict) else {}
    entry = {key: model[key] for key in KEPT if key in model}
    entry["flavors"] = {
        name: (
            {key: value for key, value in config.items() if key != "config"}
            if isinstance(config, dict)
            else config
        )
        for name, config in flavors.items()
    }
    return entry


def record_logged_model(
    database: Database, context: RequestContext, run_id: str, model_json: str
) -> None:
    """Append a model to the run's history, in one transaction (a second writer that races
    for the first entry retries, so neither entry is lost)."""
    entry = history_entry(model_json)
    for _ in range(3):
        try:
            with database.session() as session:
                run = run_record(session, context, run_id)
                check_active(run)
                current = session.get(TagRecord, (run_id, HISTORY_TAG), with_for_update=True)
                history = _loaded(current.value) if current is not None else []
                write_tags(
                    session,
                    context,
                    run,
                    [Tag(key=HISTORY_TAG, value=json.dumps([*history, entry]))],
                )
            return
        except IntegrityError:
            continue
    raise InvalidInput(f"Run {run_id}'s model history is being changed; retry")


def _loaded(value: str) -> list[Any]:
    try:
        loaded = json.loads(value)
    except ValueError:
        return []
    return loaded if isinstance(loaded, list) else []
