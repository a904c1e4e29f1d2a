"""Built-in PCA (``pca``).

scikit-learn's ``PCA`` (``algorithm_mode`` ``regular``: exact SVD; ``randomized``: randomized
SVD) when ``subtract_mean`` is on, ``TruncatedSVD`` (no centring) when it is off. Serves each
row's ``projection`` onto the ``num_components`` components (JSON ``{"projections": [...]}``).
"""

from __future__ import annotations

import time
from typing import Any

from .spec import THROUGHPUT, Algorithm, ClientError, boolean, categorical, integer
from .train import MODEL_FILE, dense

RESPONSE_KEY = "projections"

SPEC = Algorithm(
    name="pca",
    title="PCA",
    module="jupyterlab_mlstudio.algorithms.pca",
    hyperparameters=(
        integer("feature_dim", 1, required=True),
        integer("num_components", 1, required=True),
        integer("mini_batch_size", 1, required=True),
        categorical("algorithm_mode", ("regular", "randomized"), default="regular"),
        boolean("subtract_mean", default=True),
        integer("extra_components", -1, default=-1),
    ),
    metrics=(THROUGHPUT,),
    channels=("train", "test"),
    content_types=("application/x-recordio-protobuf", "text/csv"),
)


def train(context: Any, algorithm: Algorithm, values: dict[str, Any]) -> None:
    import numpy as np
    from sklearn.decomposition import PCA, TruncatedSVD

    started = time.monotonic()
    dataset = context.read("train", algorithm, default_label_size=0)
    features = dense(dataset, values["feature_dim"])
    rows, width = features.shape
    components = values["num_components"]
    limit = min(rows, width) - (0 if values["subtract_mean"] else 1)
    if components > min(rows, width):
        raise ClientError(
            f"num_components={components} is more than the data allows "
            f"(min(rows, features) = {min(rows, width)})"
        )
    randomized = values["algorithm_mode"] == "randomized"
    if values["subtract_mean"]:
        model = PCA(
            n_components=components,
            svd_solver="randomized" if randomized else "full",
            random_state=0,
        )
    else:
        if components > limit:
            raise ClientError(
                f"num_components={components} must be less than {min(rows, width)} when "
                "subtract_mean is false"
            )
        model = TruncatedSVD(
            n_components=components,
            algorithm="randomized" if randomized else "arpack",
            random_state=0,
        )
    model.fit(features)
    context.throughput(rows, time.monotonic() - started)
    explained = float(np.sum(getattr(model, "explained_variance_ratio_", [0.0])))
    context.log(
        f"#quality_metric: host={context.host}, train explained_variance_ratio <score>="
        f"{explained:.6g}"
    )
    context.save(MODEL_FILE, model)
    context.save_marker(algorithm, {"num_components": components})


def predict(model: Any, features: Any) -> list[dict[str, Any]]:
    from ..serving.codecs import InferenceError

    if features.shape[1] != model.n_features_in_:
        raise InferenceError(
            400,
            f"The rows have {features.shape[1]} features; the model expects {model.n_features_in_}",
        )
    return [{"projection": row} for row in model.transform(features).tolist()]
