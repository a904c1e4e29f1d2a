"""Built-in XGBoost (``xgboost``, SageMaker's ``sagemaker-xgboost`` images in algorithm mode).

Trains with ``xgboost.train`` on the ``train`` channel, evaluating on ``train`` and
``validation`` every round and printing ``[3]#011train-rmse:0.41#011validation-rmse:0.45``
as SageMaker's container does (its metric regexes match these lines). The model is
``xgboost-model`` (the Booster), which any XGBoost loads. Served as SageMaker serves it:
CSV, libsvm or RecordIO-protobuf in; CSV (one prediction a line), JSON
(``{"predictions": [{"score": ...}]}``), JSON Lines or RecordIO-protobuf out.
"""

from __future__ import annotations

import warnings
from typing import Any

from .spec import (
    MAXIMIZE,
    MINIMIZE,
    Algorithm,
    ClientError,
    Hyperparameter,
    Metric,
    boolean,
    categorical,
    continuous,
    integer,
)

MAXIMIZE_METRICS = ("accuracy", "auc", "aucpr", "f1", "map", "ndcg", "precision", "r2", "recall")
MINIMIZE_METRICS = (
    "error",
    "logloss",
    "mae",
    "merror",
    "mlogloss",
    "mse",
    "poisson-nloglik",
    "rmse",
    "rmsle",
    "gamma-nloglik",
)
#: Accepted as ``eval_metric`` too, but not listed among the job's metric definitions (a job
#: lists at most 40).
OTHER_METRICS = ("mape", "gamma-deviance", "tweedie-nloglik", "cox-nloglik", "aft-nloglik")
#: The metrics computed here from predictions (XGBoost itself has no such eval_metric).
COMPUTED = ("accuracy", "f1", "mse", "r2", "precision", "recall")
OBJECTIVES = (
    "binary:logistic",
    "binary:logitraw",
    "binary:hinge",
    "count:poisson",
    "multi:softmax",
    "multi:softprob",
    "rank:pairwise",
    "rank:ndcg",
    "rank:map",
    "reg:linear",
    "reg:squarederror",
    "reg:logistic",
    "reg:gamma",
    "reg:pseudohubererror",
    "reg:squaredlogerror",
    "reg:absoluteerror",
    "reg:tweedie",
    "survival:cox",
)
MODEL_FILE = "xgboost-model"
NUMBER = r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"


def _metrics() -> tuple[Metric, ...]:
    found = []
    for channel in ("train", "validation"):
        for names, direction in ((MAXIMIZE_METRICS, MAXIMIZE), (MINIMIZE_METRICS, MINIMIZE)):
            for name in names:
                found.append(
                    Metric(
                        f"{channel}:{name}",
                        rf".*\[[0-9]+\].*#011{channel}-{name}:{NUMBER}.*",
                        direction if channel == "validation" else None,
                    )
                )
    return tuple(found)


def _eval_metrics(text: str) -> list[str]:
    return [item.strip() for item in text.strip("[]").replace('"', "").split(",") if item.strip()]


def _check(values: dict[str, Any]) -> None:
    objective = values["objective"]
    if objective in ("multi:softmax", "multi:softprob") and values["num_class"] is None:
        raise ClientError("Require input for parameter 'num_class' for multi-classification")
    if values["num_class"] is not None and not objective.startswith("multi:"):
        raise ClientError(
            "Do not need to setup parameter 'num_class' for learning task other than "
            "multi-classification."
        )
    metrics = values["eval_metric"] or []
    for metric in metrics:
        name = metric.split("@")[0]
        if name not in MAXIMIZE_METRICS + MINIMIZE_METRICS + OTHER_METRICS:
            raise ClientError(f"Hyperparameter eval_metric: {metric} is not supported")
    if "auc" in metrics and not objective.startswith(("binary:", "rank:")):
        raise ClientError(
            "Metric 'auc' can only be applied for classification and ranking problems."
        )


SPEC = Algorithm(
    name="xgboost",
    title="XGBoost",
    module="jupyterlab_mlstudio.algorithms.xgb",
    hyperparameters=(
        integer("num_round", 1, required=True, tunable=True),
        integer("num_class", 2),
        categorical("objective", OBJECTIVES, default="reg:squarederror"),
        Hyperparameter("eval_metric", "list", parse=_eval_metrics),
        continuous("alpha", 0, default=0.0, tunable=True),
        continuous("lambda", 0, default=1.0, tunable=True),
        continuous("base_score", 0),
        categorical("booster", ("gbtree", "gblinear", "dart"), default="gbtree"),
        continuous("colsample_bylevel", 0, 1, low_open=True, default=1.0, tunable=True),
        continuous("colsample_bynode", 0, 1, low_open=True, default=1.0, tunable=True),
        continuous("colsample_bytree", 0, 1, low_open=True, default=1.0, tunable=True),
        integer("csv_weights", 0, 1, default=0),
        integer("early_stopping_rounds", 1),
        continuous("eta", 0, 1, default=0.3, tunable=True),
        continuous("gamma", 0, default=0.0, tunable=True),
        integer("max_depth", 0, default=6, tunable=True),
        continuous("min_child_weight", 0, default=1.0, tunable=True),
        continuous("max_delta_step", 0, default=0.0, tunable=True),
        continuous("subsample", 0, 1, low_open=True, default=1.0, tunable=True),
        categorical("tree_method", ("auto", "exact", "approx", "hist", "gpu_hist"), default="auto"),
        continuous("scale_pos_weight", 0, low_open=True),
        integer("max_bin", 0),
        integer("max_leaves", 0),
        categorical("grow_policy", ("depthwise", "lossguide")),
        categorical("sample_type", ("uniform", "weighted")),
        categorical("normalize_type", ("tree", "forest")),
        continuous("rate_drop", 0, 1),
        continuous("skip_drop", 0, 1),
        continuous("tweedie_variance_power", 1, 2, low_open=True, high_open=True),
        integer("seed", -(2**31), 2**31 - 1, default=0),
        integer("nthread", 1),
        integer("verbosity", 0, 3, default=1),
        integer("num_parallel_tree", 1),
        boolean("save_model_on_termination"),
    ),
    metrics=_metrics(),
    channels=("train", "validation"),
    content_types=("text/libsvm", "text/csv", "application/x-recordio-protobuf"),
    default_accept="text/csv",
    cross_check=_check,
)


# -- training ------------------------------------------------------------------------------


def _params(values: dict[str, Any], gpu: bool) -> dict[str, Any]:
    skip = {
        "num_round",
        "csv_weights",
        "early_stopping_rounds",
        "eval_metric",
        "save_model_on_termination",
    }
    params = {key: value for key, value in values.items() if value is not None and key not in skip}
    if params.get("objective") == "reg:linear":
        params["objective"] = "reg:squarederror"  # the name XGBoost 1.0 gave it
    if params.get("tree_method") == "gpu_hist":
        params["tree_method"] = "hist"
        params["device"] = "cuda" if gpu else "cpu"
    native = [metric for metric in values["eval_metric"] or [] if metric not in COMPUTED]
    if native:
        params["eval_metric"] = native
    return params


def _computed(metric: str, objective: str, labels: Any, predictions: Any) -> float:
    import numpy as np
    from sklearn import metrics as sk

    if metric in ("mse", "r2"):
        return float(
            sk.mean_squared_error(labels, predictions)
            if metric == "mse"
            else sk.r2_score(labels, predictions)
        )
    if predictions.ndim == 2:
        predicted = np.argmax(predictions, axis=1)
    elif objective == "multi:softmax":
        predicted = predictions
    else:
        predicted = (predictions > (0.0 if objective == "binary:logitraw" else 0.5)).astype(int)
    average = "binary" if len(np.unique(labels)) <= 2 else "macro"
    if metric == "accuracy":
        return float(sk.accuracy_score(labels, predicted))
    scorer = {"f1": sk.f1_score, "precision": sk.precision_score, "recall": sk.recall_score}
    return float(scorer[metric](labels, predicted, average=average, zero_division=0))


def train(context: Any, algorithm: Algorithm, values: dict[str, Any]) -> None:
    import xgboost

    weights = bool(values["csv_weights"])
    train_set = context.read("train", algorithm, default_label_size=1, weights=weights)
    validation = context.read(
        "validation", algorithm, default_label_size=1, weights=weights, width=train_set.width
    )
    if train_set.labels is None:
        raise ClientError("The train channel has no labels (the first CSV column, or 'label')")
    gpus = int(__import__("os").environ.get("SM_NUM_GPUS", "0") or 0)
    params = _params(values, gpus > 0)
    matrices = {
        "train": xgboost.DMatrix(train_set.features, train_set.labels, weight=train_set.weights)
    }
    if validation is not None:
        if validation.labels is None:
            raise ClientError("The validation channel has no labels")
        matrices["validation"] = xgboost.DMatrix(
            validation.features, validation.labels, weight=validation.weights
        )
    computed = [metric for metric in values["eval_metric"] or [] if metric in COMPUTED]
    callback = _SageMakerLog(context, matrices, computed, params.get("objective", ""))
    early = values["early_stopping_rounds"]
    if early is not None and "validation" not in matrices:
        raise ClientError("early_stopping_rounds needs a validation channel")
    try:
        booster = xgboost.train(
            params,
            matrices["train"],
            num_boost_round=values["num_round"],
            evals=list((matrix, name) for name, matrix in matrices.items()),
            early_stopping_rounds=early,
            verbose_eval=False,
            callbacks=[callback],
        )
    except xgboost.core.XGBoostError as error:
        first = str(error).splitlines()[0]
        raise ClientError(f"XGBoost could not train on this data: {first}") from error
    context.model_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # SageMaker's file name has no extension; XGBoost then warns that it picks UBJSON.
        warnings.simplefilter("ignore", UserWarning)
        booster.save_model(str(context.model_dir / MODEL_FILE))
    context.save_marker(algorithm, {"objective": params.get("objective", "reg:squarederror")})


class _SageMakerLog:
    """Prints each round's evaluation as SageMaker's XGBoost container logs it."""

    def __new__(cls, *args: Any) -> Any:
        import xgboost

        class Callback(xgboost.callback.TrainingCallback):
            def __init__(self, context: Any, matrices: Any, computed: list[str], objective: str):
                super().__init__()
                self.context = context
                self.matrices = matrices
                self.computed = computed
                self.objective = objective

            def after_iteration(self, model: Any, epoch: int, evals_log: Any) -> bool:
                parts = []
                for name, metrics in evals_log.items():
                    for metric, history in metrics.items():
                        parts.append(f"{name}-{metric}:{float(history[-1]):.5f}")
                for name, matrix in self.matrices.items():
                    if not self.computed:
                        break
                    predictions = model.predict(matrix, iteration_range=(0, epoch + 1))
                    for metric in self.computed:
                        value = _computed(metric, self.objective, matrix.get_label(), predictions)
                        parts.append(f"{name}-{metric}:{value:.5f}")
                self.context.log(f"[{epoch}]#011" + "#011".join(parts))
                return False

        return Callback(*args)


# -- serving -------------------------------------------------------------------------------


def load(model_dir: str) -> Any:
    """The Booster of ``xgboost-model`` (ours, or one SageMaker's container trained: its older
    versions pickled the Booster), else of any XGBoost model file the artifact holds."""
    from pathlib import Path

    from ..serving.builtin import load_model, load_xgboost

    path = Path(model_dir) / MODEL_FILE
    return load_xgboost(path) if path.is_file() else load_model(model_dir)


def predict(model: Any, features: Any) -> list[dict[str, Any]]:
    import xgboost

    from ..serving.codecs import InferenceError

    expected = model.num_features()
    if features.shape[1] > expected or (
        features.shape[1] < expected and not hasattr(features, "tocsr")
    ):
        raise InferenceError(
            400,
            f"Unable to evaluate payload provided: the rows have {features.shape[1]} features; "
            f"the model expects {expected}",
        )
    try:
        scores = model.predict(xgboost.DMatrix(features))
    except xgboost.core.XGBoostError as error:
        raise InferenceError(
            400, f"Unable to evaluate payload provided: {str(error).splitlines()[0]}"
        ) from error
    return [{"score": score} for score in scores.tolist()]
