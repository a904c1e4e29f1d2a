"""The training side of a built-in algorithm: ``python -m jupyterlab_mlstudio.algorithms train
NAME`` in a training unit.

Reads the job's ``/opt/ml`` (or the folders the ``SM_*`` variables name), validates the
hyperparameters and channels before importing any numerical library, trains, and writes the
model into ``/opt/ml/model`` (the job packs it as ``model.tar.gz``). A mistake in the request
or the data ends the job with ``ClientError: ...`` in ``/opt/ml/output/failure`` (the job's
FailureReason) and exit code 1; anything else with ``AlgorithmError: ...`` and exit code 2.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import data
from .spec import Algorithm, ClientError

#: Written next to the model so that serving finds the algorithm from the artifact alone.
MARKER = "mlstudio-algorithm.json"
#: The model file of the scikit-learn algorithms (joblib), named as SageMaker names theirs.
MODEL_FILE = "model_algo-1"


def dense(dataset: data.Dataset, feature_dim: Any, channel: str = "train") -> Any:
    """The channel's rows as a dense float array; ``ClientError`` when ``feature_dim`` (an
    integer, or ``auto``) disagrees with them."""
    import numpy as np

    rows = dataset.features
    rows = np.asarray(rows.toarray() if hasattr(rows, "toarray") else rows, dtype=np.float64)
    if feature_dim != "auto" and rows.shape[1] != feature_dim:
        raise ClientError(
            f"feature_dim is {feature_dim}, but the {channel} channel's rows have "
            f"{rows.shape[1]} features"
        )
    return rows


def load_saved(model_dir: str) -> Any:
    """What ``TrainingContext.save`` saved as ``MODEL_FILE``."""
    import joblib

    return joblib.load(Path(model_dir) / MODEL_FILE)


@dataclass
class TrainingContext:
    """Where the job's inputs and outputs are, and how the algorithm logs."""

    config_dir: Path
    model_dir: Path
    output_dir: Path
    channels: dict[str, Path]
    hyperparameters: dict[str, Any]
    input_config: dict[str, Any]
    host: str

    @classmethod
    def from_environment(cls) -> TrainingContext:
        env = os.environ
        base = Path(env.get("SM_INPUT_DIR", "/opt/ml/input")).parent
        config_dir = Path(env.get("SM_INPUT_CONFIG_DIR", str(base / "input" / "config")))
        data_dir = base / "input" / "data"
        input_config = _json(config_dir / "inputdataconfig.json")
        channels = {
            name: Path(env.get(f"SM_CHANNEL_{name.upper()}", str(data_dir / name)))
            for name in input_config
        }
        resources = _json(config_dir / "resourceconfig.json")
        return cls(
            config_dir=config_dir,
            model_dir=Path(env.get("SM_MODEL_DIR", str(base / "model"))),
            output_dir=Path(env.get("SM_OUTPUT_DIR", str(base / "output"))),
            channels=channels,
            hyperparameters=_json(config_dir / "hyperparameters.json"),
            input_config=input_config,
            host=env.get("SM_CURRENT_HOST") or resources.get("current_host") or "algo-1",
        )

    def log(self, line: str) -> None:
        print(line, flush=True)

    def quality(self, what: str, kind: str, value: float, epoch: int | None = None) -> None:
        """``#quality_metric: host=algo-1, [epoch=0, ]train msd <loss>=0.5``, the line
        SageMaker's algorithms print and their metric regexes match."""
        at = f"epoch={epoch}, " if epoch is not None else ""
        self.log(f"#quality_metric: host={self.host}, {at}{what} <{kind}>={value:.6g}")

    def throughput(self, records: int, seconds: float) -> None:
        rate = records / seconds if seconds > 0 else float(records)
        self.log(
            f"#throughput_metric: host={self.host}, train throughput={rate:.6g} records/second"
        )

    def progress(self, percent: float) -> None:
        self.log(f"#progress_metric: host={self.host}, completed {percent:g} % of epochs")

    def save(self, name: str, value: Any) -> None:
        """``value`` as ``name`` in the model folder (joblib)."""
        import joblib

        self.model_dir.mkdir(parents=True, exist_ok=True)
        joblib.dump(value, self.model_dir / name)

    def content_type(self, channel: str, algorithm: Algorithm) -> data.ContentType:
        given = (self.input_config.get(channel) or {}).get("ContentType")
        return data.content_type(given, algorithm.content_types, channel)

    def read(
        self,
        channel: str,
        algorithm: Algorithm,
        *,
        default_label_size: int,
        weights: bool = False,
        width: int | None = None,
    ) -> data.Dataset | None:
        """The channel's rows, or ``None`` when the job has no such channel."""
        if channel not in self.channels:
            return None
        kind = self.content_type(channel, algorithm)
        started = time.monotonic()
        dataset = data.read_channel(
            str(self.channels[channel]),
            kind,
            default_label_size=default_label_size,
            weights=weights,
            width=width,
        )
        self.log(
            f"[{time.strftime('%m/%d/%Y %H:%M:%S')} INFO] Read {dataset.rows} records of "
            f"{dataset.width} features from channel {channel} ({kind.kind}) in "
            f"{time.monotonic() - started:.3f} s"
        )
        return dataset

    def save_marker(self, algorithm: Algorithm, details: dict[str, Any]) -> None:
        self.model_dir.mkdir(parents=True, exist_ok=True)
        (self.model_dir / MARKER).write_text(
            json.dumps({"algorithm": algorithm.name, **details}, sort_keys=True)
        )


def _json(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    except ValueError as error:
        raise ClientError(f"{path.name} is not JSON: {error}") from error
    return loaded if isinstance(loaded, dict) else {}


def check_channels(algorithm: Algorithm, context: TrainingContext) -> None:
    """Every required channel given, none the algorithm does not know."""
    for name in context.channels:
        if name not in algorithm.channels:
            raise ClientError(
                f"Unable to initialize the algorithm. Failed to validate input data "
                f"configuration: channel {name!r} is not one of {', '.join(algorithm.channels)}"
            )
    for name in algorithm.required_channels:
        if name not in context.channels:
            raise ClientError(
                f"Unable to initialize the algorithm. Failed to validate input data "
                f"configuration: the {name!r} channel is required"
            )
    for name in context.channels:
        context.content_type(name, algorithm)


def _fail(context: TrainingContext | None, message: str) -> None:
    print(message, file=sys.stderr, flush=True)
    if context is None:
        return
    try:
        context.output_dir.mkdir(parents=True, exist_ok=True)
        (context.output_dir / "failure").write_text(message)
    except OSError:
        pass


def run(name: str) -> int:
    """Train algorithm ``name`` in this unit; the process's exit code."""
    # Imported here: the algorithm modules the catalogue lists import this module's helpers.
    from .catalogue import get

    context: TrainingContext | None = None
    try:
        algorithm = get(name)
        if algorithm is None:
            raise ClientError(f"No built-in algorithm is called {name}")
        context = TrainingContext.from_environment()
        values = algorithm.validate(context.hyperparameters)
        check_channels(algorithm, context)
        context.log(
            f"[{time.strftime('%m/%d/%Y %H:%M:%S')} INFO] {algorithm.title}: hyperparameters "
            f"{json.dumps({k: v for k, v in values.items() if v is not None}, sort_keys=True)}"
        )
        module = importlib.import_module(algorithm.module)
        module.train(context, algorithm, values)
    except ClientError as error:
        _fail(context, f"ClientError: {error}")
        return 1
    except Exception as error:  # the algorithm's own failure: the job says so
        traceback.print_exc()
        _fail(context, f"AlgorithmError: {type(error).__name__}: {error}")
        return 2
    return 0
