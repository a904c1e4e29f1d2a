"""Built-in k-means (``kmeans``).

SageMaker's recipe on scikit-learn: mini-batch k-means finds ``k * extra_center_factor``
centers over ``epochs`` passes (``MiniBatchKMeans``), then Lloyd's algorithm reduces them to
``k`` weighted by how many rows each center took (``KMeans`` with ``sample_weight``). Prints
``train msd`` and, with a ``test`` channel, ``test msd``/``test ssd`` (``eval_metrics``).
Serves ``closest_cluster`` and ``distance_to_cluster`` for each row.
"""

from __future__ import annotations

import math
import time
from typing import Any

from .spec import (
    MINIMIZE,
    PROGRESS,
    THROUGHPUT,
    Algorithm,
    ClientError,
    Hyperparameter,
    Metric,
    boolean,
    categorical,
    continuous,
    integer,
)
from .train import MODEL_FILE, dense


def _eval_metrics(text: str) -> list[str]:
    return [item.strip() for item in text.strip("[]").replace('"', "").replace("'", "").split(",")]


def _check(values: dict[str, Any]) -> None:
    wrong = [item for item in values["eval_metrics"] if item not in ("msd", "ssd")]
    if wrong:
        raise ClientError(f"Hyperparameter eval_metrics: {wrong[0]} is not one of msd, ssd")


SPEC = Algorithm(
    name="kmeans",
    title="K-Means",
    module="jupyterlab_mlstudio.algorithms.kmeans",
    hyperparameters=(
        integer("feature_dim", 1, required=True),
        integer("k", 1, required=True),
        integer("mini_batch_size", 1, default=5000, tunable=True),
        categorical("init_method", ("random", "kmeans++"), default="random", tunable=True),
        integer("epochs", 1, default=1, tunable=True),
        integer("extra_center_factor", 1, default="auto", auto=True, tunable=True),
        integer("local_lloyd_max_iter", 1, default=300, tunable=True),
        continuous("local_lloyd_tol", 0, 1, default=0.0001, tunable=True),
        categorical("local_lloyd_init_method", ("random", "kmeans++"), default="kmeans++"),
        integer("local_lloyd_num_trials", 1, default="auto", auto=True),
        integer("half_life_time_size", 0, default=0, tunable=True),
        Hyperparameter("eval_metrics", "list", default=["msd"], parse=_eval_metrics),
        boolean("force_dense", default=True),
    ),
    metrics=(
        Metric("test:msd", r"#quality_metric: host=\S+, test msd <loss>=(\S+)", MINIMIZE),
        Metric("test:ssd", r"#quality_metric: host=\S+, test ssd <loss>=(\S+)", MINIMIZE),
        Metric("train:msd", r"#quality_metric: host=\S+, train msd <loss>=(\S+)"),
        PROGRESS,
        THROUGHPUT,
    ),
    channels=("train", "test"),
    content_types=("application/x-recordio-protobuf", "text/csv"),
    cross_check=_check,
)


def train(context: Any, algorithm: Algorithm, values: dict[str, Any]) -> None:
    import numpy as np
    from sklearn.cluster import KMeans, MiniBatchKMeans

    started = time.monotonic()
    train_set = context.read("train", algorithm, default_label_size=0)
    test = context.read("test", algorithm, default_label_size=0)
    features = dense(train_set, values["feature_dim"])
    rows, width = features.shape
    k = values["k"]
    if rows < k:
        raise ClientError(f"k={k} clusters need at least {k} rows; the train channel has {rows}")
    extra = values["extra_center_factor"]
    if extra == "auto":
        extra = max(1, math.ceil(10 * math.log(k))) if k > 1 else 1
    centers_wanted = max(k, min(k * extra, rows))
    init = "k-means++" if values["init_method"] == "kmeans++" else "random"
    batches = MiniBatchKMeans(
        n_clusters=centers_wanted,
        init=init,
        batch_size=min(values["mini_batch_size"], rows),
        max_iter=values["epochs"],
        n_init=1,
        random_state=0,
    )
    assigned = batches.fit_predict(features)
    counts = np.bincount(assigned, minlength=centers_wanted).astype(np.float64)
    used = counts > 0
    centers, weights = batches.cluster_centers_[used], counts[used]
    if len(centers) < k:
        centers, weights = features, np.ones(rows)
    trials = values["local_lloyd_num_trials"]
    lloyd = KMeans(
        n_clusters=k,
        init="k-means++" if values["local_lloyd_init_method"] == "kmeans++" else "random",
        n_init=1 if trials == "auto" else trials,
        max_iter=values["local_lloyd_max_iter"],
        tol=values["local_lloyd_tol"],
        random_state=0,
    )
    lloyd.fit(centers, sample_weight=weights)
    final = lloyd.cluster_centers_
    context.progress(100)
    context.throughput(rows * values["epochs"], time.monotonic() - started)
    context.quality("train msd", "loss", float(np.mean(_nearest(final, features)[1] ** 2)))
    if test is not None:
        distances = _nearest(final, np.asarray(test.features, dtype=np.float64))[1] ** 2
        for metric in values["eval_metrics"]:
            value = float(np.mean(distances) if metric == "msd" else np.sum(distances))
            context.quality(f"test {metric}", "loss", value)
    context.save(MODEL_FILE, {"centers": final, "feature_dim": width})
    context.save_marker(algorithm, {"k": k})


def _nearest(centers: Any, features: Any) -> tuple[Any, Any]:
    import numpy as np
    from sklearn.metrics import pairwise_distances_argmin_min

    if features.shape[1] != centers.shape[1]:
        raise ClientError(
            f"The rows have {features.shape[1]} features; the model expects {centers.shape[1]}"
        )
    closest, distance = pairwise_distances_argmin_min(features, centers)
    return closest, np.asarray(distance)


# -- serving -------------------------------------------------------------------------------


def predict(model: Any, features: Any) -> list[dict[str, Any]]:
    from ..serving.codecs import InferenceError

    try:
        closest, distance = _nearest(model["centers"], features)
    except ClientError as error:
        raise InferenceError(400, str(error)) from error
    return [
        {"closest_cluster": float(cluster), "distance_to_cluster": float(value)}
        for cluster, value in zip(closest.tolist(), distance.tolist(), strict=True)
    ]
