"""Built-in linear learner (``linear-learner``).

Stochastic gradient descent from scikit-learn (``SGDClassifier``/``SGDRegressor``, one
``partial_fit`` pass per epoch) on standardised features (``normalize_data``), with ``l1``
and ``wd`` as the elastic-net penalty. Prints each epoch's objective on ``train`` and
``validation`` and the final scores on ``validation`` and ``test`` in SageMaker's
``#quality_metric`` lines. ``optimizer``: ``sgd`` and ``auto`` train with SGD; ``adam`` with
Adam (scikit-learn's MLP without hidden layers: logistic, softmax or squared loss, ``wd``
only); ``rmsprop`` is refused. ``num_models``: that many models train side by side, the first
with the given learning rate and ``wd``, the others with close ones, and the one with the
lowest objective on ``validation`` (else ``train``) is kept (``auto``: one).
Serves ``score`` and ``predicted_label`` (``score`` alone for a regressor; a list of class
probabilities for a multiclass classifier).
"""

from __future__ import annotations

from typing import Any

from .linear_learner_metrics import metrics
from .spec import (
    Algorithm,
    ClientError,
    boolean,
    categorical,
    continuous,
    integer,
)
from .train import MODEL_FILE, dense

PREDICTORS = ("binary_classifier", "multiclass_classifier", "regressor")
LOSSES = {
    "binary_classifier": {"auto": "log_loss", "logistic": "log_loss", "hinge_loss": "hinge"},
    "multiclass_classifier": {"auto": "log_loss", "softmax_loss": "log_loss"},
    "regressor": {
        "auto": "squared_error",
        "squared_loss": "squared_error",
        "absolute_loss": "epsilon_insensitive",
        "huber_loss": "huber",
        "eps_insensitive_squared_loss": "squared_epsilon_insensitive",
        "eps_insensitive_absolute_loss": "epsilon_insensitive",
    },
}
#: The losses the adam optimizer trains with (scikit-learn's MLP without hidden layers).
ADAM_LOSSES = ("log_loss", "squared_error")
#: How the models of ``num_models`` differ: the given learning rate and wd times these.
_SPREAD = ((1.0, 1.0), (0.5, 1.0), (2.0, 1.0), (1.0, 0.1), (1.0, 10.0), (0.25, 1.0), (4.0, 1.0))
OBJECTIVE_NAMES = {
    "binary_classifier": "binary_classification_cross_entropy",
    "multiclass_classifier": "multiclass_cross_entropy",
    "regressor": "square_loss",
}


def _check(values: dict[str, Any]) -> None:
    predictor = values["predictor_type"]
    if predictor == "multiclass_classifier":
        if values["num_classes"] is None:
            raise ClientError(
                "num_classes is required when predictor_type is multiclass_classifier"
            )
    elif values["num_classes"] is not None:
        raise ClientError(
            "num_classes can be set only when predictor_type is multiclass_classifier"
        )
    if values["loss"] not in LOSSES[predictor]:
        supported = ", ".join(LOSSES[predictor])
        raise ClientError(
            f"Hyperparameter loss: {values['loss']} cannot be used with predictor_type "
            f"{predictor} (use one of {supported})"
        )
    optimizer = values["optimizer"]
    if optimizer == "rmsprop":
        raise ClientError(
            "Hyperparameter optimizer: rmsprop is not available in this linear learner: use "
            "sgd, adam or auto (sgd)"
        )
    if optimizer == "adam":
        if LOSSES[predictor][values["loss"]] not in ADAM_LOSSES:
            raise ClientError(
                f"Hyperparameter optimizer: adam trains with the logistic, softmax or squared "
                f"loss here; loss {values['loss']} needs optimizer sgd"
            )
        if values["l1"] not in ("auto", 0, 0.0):
            raise ClientError(
                "Hyperparameter optimizer: adam has the wd penalty only here; l1 needs "
                "optimizer sgd"
            )
        if values["positive_example_weight_mult"] != 1.0:
            raise ClientError(
                "Hyperparameter optimizer: adam weighs every example alike here; "
                "positive_example_weight_mult needs optimizer sgd"
            )


SPEC = Algorithm(
    name="linear-learner",
    title="Linear Learner",
    module="jupyterlab_mlstudio.algorithms.linear_learner",
    hyperparameters=(
        categorical("predictor_type", PREDICTORS, required=True),
        integer("feature_dim", 1, default="auto", auto=True),
        integer("num_classes", 3, 1_000_000),
        integer("epochs", 1, default=15),
        continuous("learning_rate", 0, low_open=True, default="auto", auto=True, tunable=True),
        continuous("l1", 0, default="auto", auto=True, tunable=True),
        continuous("wd", 0, default="auto", auto=True, tunable=True),
        categorical(
            "loss",
            (
                "auto",
                "logistic",
                "squared_loss",
                "absolute_loss",
                "hinge_loss",
                "eps_insensitive_squared_loss",
                "eps_insensitive_absolute_loss",
                "quantile_loss",
                "huber_loss",
                "softmax_loss",
            ),
            default="auto",
        ),
        integer("mini_batch_size", 1, default=1000, tunable=True),
        boolean("normalize_data", default=True),
        boolean("normalize_label", default=None),
        boolean("use_bias", default=True, tunable=True),
        categorical("optimizer", ("auto", "sgd", "adam", "rmsprop"), default="auto"),
        integer("num_models", 1, default="auto", auto=True),
        continuous("positive_example_weight_mult", 0, default=1.0, tunable=True),
        categorical(
            "binary_classifier_model_selection_criteria",
            (
                "accuracy",
                "f_beta",
                "precision_at_target_recall",
                "recall_at_target_precision",
                "loss_function",
            ),
            default="accuracy",
        ),
        continuous("target_recall", 0, 1, default=0.8),
        continuous("target_precision", 0, 1, default=0.8),
    ),
    metrics=metrics(),
    channels=("train", "validation", "test"),
    content_types=("application/x-recordio-protobuf", "text/csv"),
    cross_check=_check,
)


# -- training ------------------------------------------------------------------------------


def _estimator(values: dict[str, Any], rate_factor: float = 1.0, wd_factor: float = 1.0) -> Any:
    """The model ``values`` describe: SGD (``optimizer`` sgd or auto), or Adam (``adam``:
    scikit-learn's MLP without hidden layers, a linear model trained with Adam). The factors
    scale the learning rate and ``wd`` (the further models of ``num_models``)."""
    from sklearn.linear_model import SGDClassifier, SGDRegressor

    predictor = values["predictor_type"]
    loss = LOSSES[predictor][values["loss"]]
    wd = (0.001 if values["wd"] == "auto" else values["wd"]) * wd_factor
    l1 = 0.0 if values["l1"] == "auto" else values["l1"]
    rate = values["learning_rate"]
    if values["optimizer"] == "adam":
        # auto: the step sizes our SGD starts from (Adam's usual 0.001 barely moves in the
        # few steps a small data set gives).
        auto = 0.1 if predictor != "regressor" else 0.01
        return _adam(values, wd, auto if rate == "auto" else rate, rate_factor)
    alpha = max(wd + l1, 1e-12)
    penalty = "elasticnet" if l1 and wd else "l1" if l1 else "l2"
    schedule: dict[str, Any] = (
        {
            "learning_rate": "invscaling",
            "eta0": (0.1 if predictor != "regressor" else 0.01) * rate_factor,
        }
        if rate == "auto"
        else {"learning_rate": "constant", "eta0": rate * rate_factor}
    )
    common = dict(
        loss=loss,
        penalty=penalty,
        alpha=alpha,
        l1_ratio=l1 / alpha if penalty == "elasticnet" else 0.15,
        fit_intercept=values["use_bias"],
        random_state=0,
        **schedule,
    )
    if predictor == "regressor":
        if values["loss"] == "absolute_loss":
            common["epsilon"] = 0.0
        return SGDRegressor(**common)
    if predictor == "binary_classifier" and values["positive_example_weight_mult"] != 1.0:
        common["class_weight"] = {0: 1.0, 1: values["positive_example_weight_mult"]}
    return SGDClassifier(**common)


def _adam(values: dict[str, Any], wd: float, rate: float, rate_factor: float) -> Any:
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    settings = dict(
        hidden_layer_sizes=(),
        solver="adam",
        alpha=wd,
        learning_rate_init=rate * rate_factor,
        batch_size=values["mini_batch_size"],
        random_state=0,
    )
    if values["predictor_type"] == "regressor":
        return MLPRegressor(**settings)
    return MLPClassifier(**settings)


def _candidates(values: dict[str, Any]) -> list[Any]:
    """One model per ``num_models`` (``auto``: one): the first with the given learning rate
    and ``wd``, the others with close ones; training keeps the best."""
    count = 1 if values["num_models"] == "auto" else values["num_models"]
    spread = [_SPREAD[index % len(_SPREAD)] for index in range(count)]
    for index in range(len(_SPREAD), count):
        rate, wd = spread[index]
        spread[index] = (rate * 1.5 ** (index // len(_SPREAD)), wd)
    return [_estimator(values, rate, wd) for rate, wd in spread]


def _objective(model: dict[str, Any], features: Any, labels: Any) -> float:
    import numpy as np
    from sklearn.metrics import log_loss, mean_squared_error

    if model["predictor_type"] == "regressor":
        return float(mean_squared_error(labels, _regress(model, features)))
    estimator = model["estimator"]
    if hasattr(estimator, "predict_proba") and estimator.loss == "log_loss":
        return float(
            log_loss(
                labels,
                estimator.predict_proba(model["scaler"](features)),
                labels=estimator.classes_,
            )
        )
    margins = estimator.decision_function(model["scaler"](features))
    signs = np.where(labels > 0, 1.0, -1.0)
    return float(np.mean(np.maximum(0, 1 - signs * margins)))


def _scores(model: dict[str, Any], features: Any, labels: Any) -> dict[str, tuple[str, float]]:
    import numpy as np
    from sklearn import metrics as sk

    predictor = model["predictor_type"]
    if predictor == "regressor":
        predicted = _regress(model, features)
        mse = float(sk.mean_squared_error(labels, predicted))
        return {
            "mse": ("loss", mse),
            "rmse": ("loss", float(np.sqrt(mse))),
            "absolute_loss": ("loss", float(sk.mean_absolute_error(labels, predicted))),
        }
    predicted = model["estimator"].predict(model["scaler"](features))
    if predictor == "binary_classifier":
        return {
            "binary_classification_accuracy": (
                "score",
                float(sk.accuracy_score(labels, predicted)),
            ),
            "binary_f_1.000": ("score", float(sk.f1_score(labels, predicted, zero_division=0))),
            "precision": ("score", float(sk.precision_score(labels, predicted, zero_division=0))),
            "recall": ("score", float(sk.recall_score(labels, predicted, zero_division=0))),
        }
    macro = {"average": "macro", "zero_division": 0}
    return {
        "multiclass_accuracy": ("score", float(sk.accuracy_score(labels, predicted))),
        "macro_f_1.000": ("score", float(sk.f1_score(labels, predicted, **macro))),
        "macro_precision": ("score", float(sk.precision_score(labels, predicted, **macro))),
        "macro_recall": ("score", float(sk.recall_score(labels, predicted, **macro))),
    }


class _Scaler:
    """Standardisation fitted on the training rows (identity when ``normalize_data`` is off)."""

    def __init__(self, features: Any, enabled: bool) -> None:
        import numpy as np

        self.mean = np.mean(features, axis=0) if enabled else 0.0
        std = np.std(features, axis=0) if enabled else 1.0
        self.std = np.where(np.asarray(std) > 0, std, 1.0) if enabled else 1.0

    def __call__(self, features: Any) -> Any:
        return (features - self.mean) / self.std


def _regress(model: dict[str, Any], features: Any) -> Any:
    raw = model["estimator"].predict(model["scaler"](features))
    return raw * model["label_std"] + model["label_mean"]


def _check_labels(values: dict[str, Any], labels: Any, channel: str) -> None:
    import numpy as np

    predictor = values["predictor_type"]
    if predictor == "binary_classifier" and not np.isin(labels, (0, 1)).all():
        raise ClientError(f"The {channel} channel's labels must be 0 or 1 for binary_classifier")
    if predictor == "multiclass_classifier":
        whole = np.all(labels == np.round(labels))
        if not whole or labels.min() < 0 or labels.max() >= values["num_classes"]:
            raise ClientError(
                f"The {channel} channel's labels must be integers in [0, num_classes="
                f"{values['num_classes']})"
            )


def train(context: Any, algorithm: Algorithm, values: dict[str, Any]) -> None:
    import time

    import numpy as np

    started = time.monotonic()
    sets = {
        name: context.read(name, algorithm, default_label_size=1)
        for name in ("train", "validation", "test")
    }
    for name, dataset in sets.items():
        if dataset is None:
            continue
        if dataset.labels is None:
            raise ClientError(
                f"The {name} channel has no labels (the first CSV column, or 'label')"
            )
        dataset.features = dense(dataset, values["feature_dim"], name)
        _check_labels(values, dataset.labels, name)
    train_set = sets["train"]
    predictor = values["predictor_type"]
    normalize_label = values["normalize_label"]
    if normalize_label is None:
        normalize_label = predictor == "regressor"
    labels = train_set.labels
    mean = float(np.mean(labels)) if normalize_label else 0.0
    std = (float(np.std(labels)) or 1.0) if normalize_label else 1.0
    scaler = _Scaler(train_set.features, values["normalize_data"])
    models: list[dict[str, Any]] = [
        {
            "predictor_type": predictor,
            "scaler": scaler,
            "estimator": estimator,
            "label_mean": mean,
            "label_std": std,
        }
        for estimator in _candidates(values)
    ]
    model = models[0]
    scaled = scaler(train_set.features)
    target = (labels - mean) / std if predictor == "regressor" else labels.astype(int)
    classes = np.arange(values["num_classes"] or 2) if predictor != "regressor" else None
    rng = np.random.default_rng(0)
    objective = OBJECTIVE_NAMES[predictor]
    for epoch in range(values["epochs"]):
        order = rng.permutation(len(target))
        size = values["mini_batch_size"]
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            for candidate in models:
                if classes is None:
                    candidate["estimator"].partial_fit(scaled[batch], target[batch])
                else:
                    candidate["estimator"].partial_fit(
                        scaled[batch], target[batch], classes=classes
                    )
        model = _best(models, train_set if sets["validation"] is None else sets["validation"])
        context.quality(
            f"train {objective}_objective",
            "loss",
            _objective(model, train_set.features, labels),
            epoch=epoch,
        )
        if sets["validation"] is not None:
            validation = sets["validation"]
            context.quality(
                f"validation {objective}_objective",
                "loss",
                _objective(model, validation.features, validation.labels),
                epoch=epoch,
            )
        context.progress(100 * (epoch + 1) / values["epochs"])
    context.throughput(len(target) * values["epochs"] * len(models), time.monotonic() - started)
    context.quality(
        f"train {objective}_objective", "loss", _objective(model, train_set.features, labels)
    )
    for name in ("validation", "test"):
        dataset = sets[name]
        if dataset is None:
            continue
        if name == "test":
            context.quality(
                f"test {objective}_objective",
                "loss",
                _objective(model, dataset.features, dataset.labels),
            )
        else:
            context.quality(
                f"validation {objective}_objective",
                "loss",
                _objective(model, dataset.features, dataset.labels),
            )
        for metric, (kind, value) in _scores(model, dataset.features, dataset.labels).items():
            context.quality(f"{name} {metric}", kind, value)
    context.save(MODEL_FILE, model)
    context.save_marker(algorithm, {"predictor_type": predictor})


def _best(models: list[dict[str, Any]], dataset: Any) -> dict[str, Any]:
    """The model with the lowest objective on ``dataset`` (validation, else train)."""
    if len(models) == 1:
        return models[0]
    return min(models, key=lambda model: _objective(model, dataset.features, dataset.labels))


# -- serving -------------------------------------------------------------------------------


def predict(model: Any, features: Any) -> list[dict[str, Any]]:
    import numpy as np

    from ..serving.codecs import InferenceError

    features = np.asarray(
        features.toarray() if hasattr(features, "toarray") else features, dtype=np.float64
    )
    expected = model["estimator"].n_features_in_
    if features.shape[1] != expected:
        raise InferenceError(
            400, f"The rows have {features.shape[1]} features; the model expects {expected}"
        )
    predictor = model["predictor_type"]
    if predictor == "regressor":
        return [{"score": float(value)} for value in _regress(model, features)]
    estimator = model["estimator"]
    scaled = model["scaler"](features)
    labels = estimator.predict(scaled)
    if predictor == "multiclass_classifier":
        probabilities = estimator.predict_proba(scaled)
        return [
            {"score": row.tolist(), "predicted_label": int(label)}
            for row, label in zip(probabilities, labels, strict=True)
        ]
    if estimator.loss == "log_loss":
        scores = estimator.predict_proba(scaled)[:, 1]
    else:
        scores = estimator.decision_function(scaled)
    return [
        {"score": float(score), "predicted_label": int(label)}
        for score, label in zip(scores, labels, strict=True)
    ]
