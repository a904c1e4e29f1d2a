"""The metrics linear learner prints (SageMaker's ``#quality_metric`` lines) and their
definitions: a job's metric definitions and a tuning job's objectives."""

from __future__ import annotations

from .spec import MAXIMIZE, MINIMIZE, PROGRESS, THROUGHPUT, Metric

_SCORES = (
    "binary_classification_accuracy",
    "precision",
    "recall",
    "multiclass_accuracy",
    "macro_precision",
    "macro_recall",
)
_LOSSES = ("mse", "absolute_loss", "rmse")


def metrics() -> tuple[Metric, ...]:
    """Linear learner's metrics: per channel (train, validation, test) its objective loss and
    its scores, each tunable where SageMaker lets tune it (validation and test)."""
    found = [
        PROGRESS,
        THROUGHPUT,
    ]
    for channel in ("train", "validation", "test"):
        tune = channel != "train"
        epoch = r"epoch=\S+, " if channel != "test" else ""
        found.append(
            Metric(
                f"{channel}:objective_loss",
                rf"#quality_metric: host=\S+, {epoch}{channel} \S+_objective <loss>=(\S+)",
                MINIMIZE if tune else None,
            )
        )
        if channel != "test":
            found.append(
                Metric(
                    f"{channel}:objective_loss:final",
                    rf"#quality_metric: host=\S+, {channel} \S+_objective <loss>=(\S+)",
                )
            )
        for name in _SCORES:
            found.append(
                Metric(
                    f"{channel}:{name}",
                    rf"#quality_metric: host=\S+, {channel} {name} <score>=(\S+)",
                    MAXIMIZE if tune else None,
                )
            )
        for prefix, name in (("binary_f", "binary_f_beta"), ("macro_f", "macro_f_beta")):
            found.append(
                Metric(
                    f"{channel}:{name}",
                    rf"#quality_metric: host=\S+, {channel} {prefix}_\S+ <score>=(\S+)",
                    MAXIMIZE if tune else None,
                )
            )
        for name in _LOSSES:
            found.append(
                Metric(
                    f"{channel}:{name}",
                    rf"#quality_metric: host=\S+, {channel} {name} <loss>=(\S+)",
                    MINIMIZE if tune else None,
                )
            )
    return tuple(found)
