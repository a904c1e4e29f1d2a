"""Linear learner's ``optimizer`` and ``num_models`` act on training: adam trains a linear
model with Adam (as good as scikit-learn's logistic regression on the same data), several
models keep the best on validation, and what this linear learner cannot do is refused before
it trains, in SageMaker's words. Runs the algorithm as its training unit does, in-process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer

from jupyterlab_mlstudio.algorithms import ClientError, get
from jupyterlab_mlstudio.algorithms.train import MODEL_FILE, run

FINAL = re.compile(r"validation binary_classification_cross_entropy_objective <loss>=(\S+)$")


def _train(folder: Path, monkeypatch, capsys, hyperparameters: dict[str, str]) -> float:
    """Train on breast cancer (CSV, label first) in a unit's layout; the final validation
    objective it printed."""
    features, labels = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(labels))
    table = np.column_stack([labels, features])[order]
    for channel, rows in (("train", table[:400]), ("validation", table[400:])):
        (folder / "input" / "data" / channel).mkdir(parents=True)
        np.savetxt(folder / "input" / "data" / channel / "part.csv", rows, delimiter=",")
    config = folder / "input" / "config"
    config.mkdir(parents=True)
    (config / "hyperparameters.json").write_text(json.dumps(hyperparameters))
    content = {"ContentType": "text/csv"}
    (config / "inputdataconfig.json").write_text(
        json.dumps({"train": content, "validation": content})
    )
    for name, path in (
        ("SM_INPUT_DIR", folder / "input"),
        ("SM_INPUT_CONFIG_DIR", config),
        ("SM_MODEL_DIR", folder / "model"),
        ("SM_OUTPUT_DIR", folder / "output"),
    ):
        monkeypatch.setenv(name, str(path))
    for name in ("SM_CHANNEL_TRAIN", "SM_CHANNEL_VALIDATION"):
        monkeypatch.delenv(name, raising=False)
    assert run("linear-learner") == 0, (folder / "output" / "failure").read_text()
    finals = [FINAL.search(line) for line in capsys.readouterr().out.splitlines()]
    return float([match for match in finals if match][-1].group(1))


def test_adam_trains_a_linear_model_as_good_as_logistic_regression(tmp_path, monkeypatch, capsys):
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.preprocessing import StandardScaler

    # Given a binary classifier asked to train with Adam
    loss = _train(
        tmp_path,
        monkeypatch,
        capsys,
        {
            "predictor_type": "binary_classifier",
            "optimizer": "adam",
            "epochs": "15",
            "mini_batch_size": "50",
        },
    )

    # Then the model is a linear model trained by Adam, whose validation loss is close to
    # scikit-learn's logistic regression on the same split
    model = joblib.load(tmp_path / "model" / MODEL_FILE)
    assert type(model["estimator"]).__name__ == "MLPClassifier"
    assert model["estimator"].solver == "adam" and model["estimator"].hidden_layer_sizes == ()
    features, labels = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(labels))
    features, labels = features[order], labels[order]
    scaler = StandardScaler().fit(features[:400])
    direct = LogisticRegression(max_iter=1000).fit(scaler.transform(features[:400]), labels[:400])
    direct_loss = log_loss(labels[400:], direct.predict_proba(scaler.transform(features[400:])))
    assert loss < direct_loss + 0.05


def test_several_models_keep_the_best_on_validation(tmp_path, monkeypatch, capsys):
    # Given a learning rate too small for two epochs, with one model and then with five
    slow = {
        "predictor_type": "binary_classifier",
        "learning_rate": "0.0005",
        "epochs": "2",
        "mini_batch_size": "50",
    }
    alone = _train(tmp_path / "one", monkeypatch, capsys, {**slow, "num_models": "1"})
    several = _train(tmp_path / "five", monkeypatch, capsys, {**slow, "num_models": "5"})

    # Then the five, trained with close learning rates and wd, keep a better one
    assert several < alone


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"optimizer": "rmsprop"}, "optimizer: rmsprop is not available"),
        ({"optimizer": "adam", "loss": "hinge_loss"}, "loss hinge_loss needs optimizer sgd"),
        ({"optimizer": "adam", "l1": "0.01"}, "l1 needs optimizer sgd"),
        ({"num_models": "0"}, "Hyperparameter num_models: 0 is not in [1, +inf)"),
    ],
)
def test_what_this_linear_learner_cannot_do_is_refused_before_training(given, message):
    with pytest.raises(ClientError) as raised:
        get("linear-learner").validate({"predictor_type": "binary_classifier", **given})
    assert message in str(raised.value)
