"""What the server's job kinds ask of the built-in algorithms: can this server run an image's
algorithm, which metric definitions its jobs carry, and what a tuning job over it may tune.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from ..core.errors import InvalidInput
from .catalogue import ALGORITHMS, algorithm_name, for_image
from .spec import Algorithm

__all__ = [
    "algorithm_name",
    "check_tuning",
    "for_image",
    "metric_definitions_for",
    "require_runnable",
    "runs_algorithm",
]

#: Import names each algorithm needs in the server's Python (the ``algorithms`` extra).
NEEDS = {
    "xgboost": ("xgboost", "sklearn", "joblib"),
    "kmeans": ("sklearn", "joblib"),
    "linear-learner": ("sklearn", "joblib"),
    "pca": ("sklearn", "joblib"),
}


def require_runnable(image: str, field: str, in_server: bool = True) -> Algorithm:
    """The algorithm ``image`` names, or ``InvalidInput`` saying why this server cannot run
    it (an algorithm it does not implement, or, when it runs ``in_server``'s own Python rather
    than in this project's Docker image, packages missing from that Python)."""
    algorithm = for_image(image)
    if algorithm is None:
        raise InvalidInput(
            f"Image {image} is SageMaker's built-in {algorithm_name(image)} algorithm, which "
            f"this server does not implement (it runs {', '.join(sorted(ALGORITHMS))}).",
            field=field,
        )
    if not in_server:
        return algorithm
    missing = [name for name in NEEDS[algorithm.name] if importlib.util.find_spec(name) is None]
    if missing:
        raise InvalidInput(
            f"The built-in {algorithm.name} algorithm needs {', '.join(missing)} in the "
            "server's Python: pip install 'jupyterlab_mlstudio[algorithms]'",
            field=field,
        )
    return algorithm


def runs_algorithm(request: Any) -> Algorithm | None:
    """The algorithm a training request runs (not an image's script mode)."""
    if "sagemaker_program" in request.hyper_parameters:
        return None
    spec = request.algorithm_specification
    if spec.container_entrypoint:
        return None
    return for_image(spec.training_image)


def metric_definitions_for(request: Any) -> list[Any] | None:
    """The algorithm's ``MetricDefinitions`` for a request that runs a built-in algorithm and
    gives none of its own; ``None`` otherwise (the request stays as it is)."""
    from ..training.models import MetricDefinition

    algorithm = runs_algorithm(request)
    if algorithm is None or request.algorithm_specification.metric_definitions:
        return None
    return [MetricDefinition(name=metric.name, regex=metric.regex) for metric in algorithm.metrics]


def check_tuning(
    definition: Any, objective_name: str, ranges: list[str], field: str
) -> list[str] | None:
    """For a tuning definition over a built-in algorithm: refuse an objective the algorithm
    cannot be tuned on and hyperparameters it does not let tune, as SageMaker does; return the
    metric names the definition's jobs will report. ``None`` for any other definition."""
    spec = definition.algorithm_specification
    if spec.metric_definitions or "sagemaker_program" in definition.static_hyper_parameters:
        return None
    algorithm = for_image(spec.training_image or "")
    if algorithm is None:
        return None
    objectives = [metric.name for metric in algorithm.objective_metrics()]
    if objective_name not in objectives:
        raise InvalidInput(
            f"The objective metric {objective_name} is not supported by the built-in "
            f"{algorithm.name} algorithm: use one of {', '.join(objectives) or 'none'}",
            field=f"{field}.AlgorithmSpecification.MetricDefinitions",
        )
    tunable = {item.name for item in algorithm.tunable()}
    untunable = [name for name in ranges if name not in tunable]
    if untunable:
        raise InvalidInput(
            "The hyperparameter tuning job that you requested has the following untunable "
            f"hyperparameters: {untunable}. The {algorithm.name} algorithm tunes "
            f"{', '.join(sorted(tunable))}",
            field="HyperParameterTuningJobConfig.ParameterRanges",
        )
    return [metric.name for metric in algorithm.metrics]
