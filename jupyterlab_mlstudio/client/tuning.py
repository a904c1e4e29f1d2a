"""Tuning jobs from Python: search a local training script's hyperparameters, watch the search
live, read the trials as a table.

Ranges are given per hyperparameter, either as objects (``Continuous(1e-4, 1e-1, "Logarithmic")``,
``Integer(2, 8)``, ``Categorical(["adam", "sgd"])``) or in the magic's short form
(``"1e-4:1e-1:log"``, ``"2:8:int"``, ``"adam,sgd"``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ..core.errors import InvalidInput, MLStudioError
from ..tuning.models import TuningJobDetail
from .progress import in_notebook
from .training import TrainingJob, _job_name, pack_source

if TYPE_CHECKING:
    from .client import Client

ENDED = ("Completed", "Failed", "Stopped")
SCALES = {"log": "Logarithmic", "revlog": "ReverseLogarithmic", "linear": "Linear", "auto": "Auto"}


class TuningJobFailed(MLStudioError):
    """A waited-for tuning job ended Failed."""


@dataclass(frozen=True)
class Continuous:
    low: float
    high: float
    scaling: str = "Auto"


@dataclass(frozen=True)
class Integer:
    low: int
    high: int
    scaling: str = "Auto"


@dataclass(frozen=True)
class Categorical:
    values: list[str]


Range = Continuous | Integer | Categorical


def parse_range(text: str) -> Range:
    """``low:high[:log|revlog|linear][:int]`` or ``a,b,c``."""
    if ":" not in text:
        values = [value.strip() for value in text.split(",") if value.strip()]
        if not values:
            raise InvalidInput(f"No values in range {text!r}", field="ranges")
        return Categorical(values)
    low, high, *flags = [part.strip() for part in text.split(":")]
    unknown = [flag for flag in flags if flag not in SCALES and flag != "int"]
    if unknown:
        raise InvalidInput(
            f"Unknown range option {unknown[0]!r} in {text!r}: use log, revlog, linear or int",
            field="ranges",
        )
    scaling = next((SCALES[flag] for flag in flags if flag in SCALES), "Auto")
    try:
        if "int" in flags:
            return Integer(int(low), int(high), scaling)
        return Continuous(float(low), float(high), scaling)
    except ValueError:
        raise InvalidInput(f"Range {text!r} needs numeric bounds", field="ranges") from None


def ranges_body(ranges: Mapping[str, Range | str | list[Any]]) -> dict[str, Any]:
    body: dict[str, list[dict[str, Any]]] = {
        "continuous_parameter_ranges": [],
        "integer_parameter_ranges": [],
        "categorical_parameter_ranges": [],
    }
    for name, given in ranges.items():
        spec = (
            parse_range(given)
            if isinstance(given, str)
            else Categorical([str(v) for v in given])
            if isinstance(given, list)
            else given
        )
        if isinstance(spec, Categorical):
            body["categorical_parameter_ranges"].append({"name": name, "values": spec.values})
        else:
            key = "integer" if isinstance(spec, Integer) else "continuous"
            body[f"{key}_parameter_ranges"].append(
                {
                    "name": name,
                    "min_value": str(spec.low),
                    "max_value": str(spec.high),
                    "scaling_type": spec.scaling,
                }
            )
    return body


class TuningProgress:
    """Trials done, running and stopped, the best so far and an objective chart: a widget in
    notebooks, a line of text per change elsewhere."""

    def __init__(self, name: str, out: TextIO | None = None) -> None:
        self.name = name
        self.out = out or sys.stderr
        self._last = ""
        self._widget: Any = None
        if in_notebook() and out is None:
            import ipywidgets
            from IPython.display import display

            self._widget = ipywidgets.HTML(value=f"<code>{name}</code>: starting")
            display(self._widget)

    @staticmethod
    def summary(detail: TuningJobDetail, objectives: list[float | None]) -> str:
        counts = detail.training_job_status_counters
        best = detail.best_training_job
        best_text = "none yet"
        if best and best.final_hyper_parameter_tuning_job_objective_metric:
            metric = best.final_hyper_parameter_tuning_job_objective_metric
            best_text = f"{metric.metric_name}={metric.value:g} ({best.training_job_name})"
        done = (
            counts.completed + counts.stopped + counts.non_retryable_error + counts.retryable_error
        )
        status = detail.hyper_parameter_tuning_job_status.value
        return (
            f"{detail.hyper_parameter_tuning_job_name}: {status}"
            f" — {done}/{detail.max_trials} trials done, {counts.in_progress} running,"
            f" {counts.stopped} stopped, {counts.non_retryable_error + counts.retryable_error}"
            f" failed; best {best_text}"
        )

    def update(
        self, detail: TuningJobDetail, objectives: list[float | None], maximize: bool
    ) -> None:
        text = self.summary(detail, objectives)
        if self._widget is not None:
            from ..magics.charts import line_chart

            points = [(i + 1, v) for i, v in enumerate(objectives) if v is not None]
            best: list[tuple[float, float]] = []
            for x, y in points:
                top = y if not best else (max if maximize else min)(best[-1][1], y)
                best.append((x, top))
            chart = line_chart({"objective": points, "best so far": best}, x_label="trial")
            self._widget.value = f"<div><code>{text}</code></div>{chart}"
        elif text != self._last:
            print(text, file=self.out)
        self._last = text


class TuningJob:
    """A handle on one tuning job of the server."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"TuningJob({self.name!r})"

    def describe(self) -> TuningJobDetail:
        return TuningJobDetail.model_validate(
            self.client.request("GET", f"tuning-jobs/{self.name}")
        )

    @property
    def status(self) -> str:
        return self.describe().hyper_parameter_tuning_job_status.value

    def stop(self) -> TuningJobDetail:
        return TuningJobDetail.model_validate(
            self.client.request("POST", f"tuning-jobs/{self.name}/stop")
        )

    def trials(self) -> list[dict[str, Any]]:
        """One flat row per trial (``pandas.DataFrame(tuner.trials())``): number, name, status,
        objective, each hyperparameter, duration and run."""
        table = self.client.request("GET", f"tuning-jobs/{self.name}/trials")
        rows = []
        for trial in table["trials"]:
            row = {
                "number": trial["number"],
                "training_job_name": trial["training_job_name"],
                "status": trial["status"],
                table["objective_metric"]: trial["objective"],
                "objective_status": trial["objective_status"],
                **trial["hyperparameters"],
                "duration_seconds": trial["duration_seconds"],
                "run_id": trial["run_id"],
            }
            rows.append(row)
        return rows

    def importances(self) -> dict[str, float]:
        return dict(
            self.client.request("GET", f"tuning-jobs/{self.name}/importances")["importances"]
        )

    def best_training_job(self) -> TrainingJob | None:
        best = self.describe().best_training_job
        return TrainingJob(self.client, best.training_job_name) if best else None

    def wait(
        self,
        progress: bool = True,
        poll: float = 1.0,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        out: TextIO | None = None,
    ) -> TrainingJob | None:
        """Block until the tuning job ends, showing its progress; returns the best trial's
        training job (None when no trial reported the objective)."""
        display = TuningProgress(self.name, out) if progress else None
        started = time.monotonic()
        while True:
            detail = self.describe()
            if display is not None:
                rows = self.client.request("GET", f"tuning-jobs/{self.name}/trials")
                objectives = [trial["objective"] for trial in rows["trials"]]
                display.update(detail, objectives, rows["objective_type"] == "Maximize")
            status = detail.hyper_parameter_tuning_job_status.value
            if status in ENDED:
                break
            if timeout is not None and time.monotonic() - started > timeout:
                raise TimeoutError(f"{self.name} is still {status} after {timeout} s")
            time.sleep(poll)
        if raise_on_failure and status == "Failed":
            raise TuningJobFailed(f"{self.name} failed: {detail.failure_reason}")
        best = detail.best_training_job
        return TrainingJob(self.client, best.training_job_name) if best else None


def create_tuning_job(
    client: Client,
    entry_point: str | os.PathLike[str],
    *,
    ranges: Mapping[str, Range | str | list[Any]],
    objective: str,
    objective_type: str = "Maximize",
    metric_definitions: dict[str, str] | None = None,
    max_jobs: int | None = 10,
    max_parallel: int = 1,
    strategy: str = "Bayesian",
    early_stopping: bool = False,
    seed: int | None = None,
    source_dir: str | os.PathLike[str] | None = None,
    name: str | None = None,
    image: str = "default",
    instance_type: str | None = None,
    hyperparameters: dict[str, Any] | None = None,
    channels: dict[str, str] | None = None,
    output_path: str | None = None,
    max_runtime: int = 86400,
    environment: dict[str, str] | None = None,
) -> TuningJob:
    """Pack and upload the code, then create the tuning job (its trials run in script mode)."""
    archive, program = pack_source(entry_point, source_dir)
    code_uri = client.upload(archive, "sourcedir.tar.gz")
    job_name = (name or _job_name(str(entry_point)))[:32].rstrip("-")
    if output_path is None:
        output_path = f"{client.status().object_store.default_root}/tuning-output"
    static = {key: str(value) for key, value in (hyperparameters or {}).items()}
    static.update({"sagemaker_program": program, "sagemaker_submit_directory": code_uri})
    limits: dict[str, Any] = {"max_parallel_training_jobs": max_parallel}
    if max_jobs is not None and strategy != "Grid":
        limits["max_number_of_training_jobs"] = max_jobs
    config: dict[str, Any] = {
        "strategy": strategy,
        "hyper_parameter_tuning_job_objective": {"type": objective_type, "metric_name": objective},
        "resource_limits": limits,
        "parameter_ranges": ranges_body(ranges),
        "training_job_early_stopping_type": "Auto" if early_stopping else "Off",
    }
    if seed is not None:
        config["random_seed"] = seed
    body = {
        "hyper_parameter_tuning_job_name": job_name,
        "hyper_parameter_tuning_job_config": config,
        "training_job_definition": {
            "static_hyper_parameters": static,
            "algorithm_specification": {
                "training_image": image,
                "metric_definitions": [
                    {"name": key, "regex": regex}
                    for key, regex in (metric_definitions or {}).items()
                ],
            },
            "input_data_config": [
                {"channel_name": channel, "data_source": {"s3_data_source": {"s3_uri": uri}}}
                for channel, uri in (channels or {}).items()
            ],
            "output_data_config": {"s3_output_path": output_path},
            "resource_config": {"instance_type": instance_type or "local", "instance_count": 1},
            "stopping_condition": {"max_runtime_in_seconds": max_runtime},
            "environment": environment or {},
        },
    }
    client.request("POST", "tuning-jobs", json=body)
    return TuningJob(client, job_name)


class Tuner:
    """A tuning job in waiting: ``create_training_job``'s arguments plus ranges, objective and
    limits; ``fit()`` starts it and returns its handle."""

    def __init__(
        self, client: Client, entry_point: str | os.PathLike[str], **arguments: Any
    ) -> None:
        self.client = client
        self.entry_point = entry_point
        self.arguments = arguments
        self.job: TuningJob | None = None

    def fit(self, wait: bool = True, **overrides: Any) -> TuningJob:
        self.job = create_tuning_job(
            self.client, self.entry_point, **{**self.arguments, **overrides}
        )
        if wait:
            self.job.wait()
        return self.job

    def trials(self) -> list[dict[str, Any]]:
        if self.job is None:
            raise InvalidInput("The tuner has not run yet: call fit() first", field="fit")
        return self.job.trials()
