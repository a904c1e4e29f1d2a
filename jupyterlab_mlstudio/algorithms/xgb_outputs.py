"""XGBoost's selectable inference outputs, as SageMaker's XGBoost container serves them.

A model whose ``Environment`` sets ``SAGEMAKER_INFERENCE_OUTPUT`` (a comma-separated list of
keys, e.g. ``predicted_label,probability``; SageMaker documents it for the XGBoost container
in Autopilot's inference containers) answers, for each row, an object with those keys instead
of ``{"score": ...}``; in CSV, one column per key in the order given. Which keys mean something
depends on the model's objective:

- classification (``binary:logistic``, ``binary:hinge``, ``multi:softmax``, ``multi:softprob``):
  ``predicted_label``, ``labels`` (every label), ``probability`` (of class 1, or of the winning
  class), ``probabilities`` (one per label), ``raw_score``, ``raw_scores``;
  ``binary:logitraw`` has no probabilities;
- regression (``reg:squarederror``, ``reg:logistic``, ``reg:gamma``, ``reg:tweedie``):
  ``predicted_score``.

A key that does not fit the objective is answered NaN, as SageMaker's container answers it
(with a line in the log); a key that is none of these fails the model's start, naming them.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

ENVIRONMENT_KEY = "SAGEMAKER_INFERENCE_OUTPUT"
CLASSIFICATION = (
    "predicted_label",
    "labels",
    "probability",
    "probabilities",
    "raw_score",
    "raw_scores",
)
REGRESSION = ("predicted_score",)
KEYS = (*CLASSIFICATION, *REGRESSION)
FITTING: dict[str, tuple[str, ...]] = {
    "binary:logistic": CLASSIFICATION,
    "binary:hinge": CLASSIFICATION,
    "multi:softmax": CLASSIFICATION,
    "multi:softprob": CLASSIFICATION,
    "binary:logitraw": ("predicted_label", "labels", "raw_score", "raw_scores"),
    "reg:squarederror": REGRESSION,
    "reg:logistic": REGRESSION,
    "reg:gamma": REGRESSION,
    "reg:tweedie": REGRESSION,
}
NAN = math.nan


def selected_keys(value: str | None) -> list[str]:
    """The keys ``SAGEMAKER_INFERENCE_OUTPUT`` selects (empty when unset); ``ValueError``
    naming the known keys for any other."""
    if not value or not value.strip():
        return []
    keys = [key.strip().lower() for key in value.split(",") if key.strip()]
    unknown = [key for key in keys if key not in KEYS]
    if unknown:
        raise ValueError(
            f"{ENVIRONMENT_KEY} selects {', '.join(unknown)}, which XGBoost's inference cannot "
            f"answer: use any of {', '.join(KEYS)}"
        )
    return keys


def objective_of(booster: Any) -> tuple[str, int]:
    """The Booster's objective and its number of classes (0 when it has none)."""
    config = json.loads(booster.save_config())
    learner = config.get("learner", {})
    objective = str(learner.get("objective", {}).get("name", "reg:squarederror"))
    classes = int(learner.get("learner_model_param", {}).get("num_class", "0") or 0)
    return objective, classes


def warn_unfitting(keys: list[str], objective: str) -> None:
    """Say in the unit's log which selected keys this objective answers NaN."""
    unfitting = [key for key in keys if key not in FITTING.get(objective, ())]
    if unfitting:
        print(
            f"Selected key(s) {', '.join(unfitting)} do not fit the objective {objective}: they "
            f"are answered NaN (it answers {', '.join(FITTING.get(objective, ())) or 'none'})",
            file=sys.stderr,
            flush=True,
        )


def select(scores: list[Any], keys: list[str], objective: str, classes: int) -> list[dict]:
    """Each row's selected outputs from XGBoost's predictions (a number a row, or a list of
    class probabilities for ``multi:softprob``)."""
    fitting = FITTING.get(objective, ())
    rows = []
    for score in scores:
        row: dict[str, Any] = {}
        for key in keys:
            row[key] = _value(key, score, objective, classes) if key in fitting else NAN
        rows.append(row)
    return rows


def _value(key: str, score: Any, objective: str, classes: int) -> Any:
    many = isinstance(score, list)
    if key == "predicted_score":
        return score
    if key == "labels":
        return [0, 1] if objective.startswith("binary:") else list(range(classes))
    if key == "predicted_label":
        if many:
            return max(range(len(score)), key=score.__getitem__)
        if objective == "binary:logistic":
            return int(score > 0.5)
        if objective == "binary:logitraw":
            return int(score > 0)
        return score
    if key in ("probability", "raw_score"):
        return max(score) if many else score
    # probabilities, raw_scores: one per label (a binary model's is [1 - p, p])
    return list(score) if many else [1.0 - score, score]
