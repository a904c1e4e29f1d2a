"""Built-in XGBoost's selectable inference outputs (the model's SAGEMAKER_INFERENCE_OUTPUT, as
SageMaker's XGBoost container answers it), through the serving unit's real handler and models
XGBoost really trained."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_iris

xgboost = pytest.importorskip("xgboost", reason="the algorithms and test extras install xgboost")

from jupyterlab_mlstudio.serving.handlers import InferenceHandler, Layout  # noqa: E402


def _serve(folder: Path, booster, monkeypatch, selection: str | None) -> InferenceHandler:
    (folder / "model").mkdir(parents=True)
    booster.save_model(str(folder / "model" / "xgboost-model.json"))
    (folder / "model" / "xgboost-model.json").rename(folder / "model" / "xgboost-model")
    monkeypatch.setenv("MLSTUDIO_ALGORITHM", "xgboost")
    if selection is None:
        monkeypatch.delenv("SAGEMAKER_INFERENCE_OUTPUT", raising=False)
    else:
        monkeypatch.setenv("SAGEMAKER_INFERENCE_OUTPUT", selection)
    handler = InferenceHandler(Layout(str(folder)))
    handler.load()
    return handler


def _csv(rows) -> bytes:
    return "\n".join(",".join(f"{value:g}" for value in row) for row in rows).encode()


def test_a_binary_model_answers_the_selected_label_and_probabilities(tmp_path, monkeypatch):
    features, labels = load_breast_cancer(return_X_y=True)
    booster = xgboost.train(
        {"objective": "binary:logistic", "max_depth": 2}, xgboost.DMatrix(features, labels), 5
    )
    rows = features[:4]
    probability = booster.predict(xgboost.DMatrix(rows))

    # Given a binary:logistic model whose environment selects a label, the labels and both
    # class probabilities
    handler = _serve(tmp_path, booster, monkeypatch, "predicted_label, labels,probabilities")

    # When rows are sent as CSV and JSON is asked for
    reply = handler.invoke(_csv(rows), "text/csv", "application/json")

    # Then each prediction carries exactly the selected keys
    assert reply.status == 200, reply.body
    predictions = json.loads(reply.body)["predictions"]
    assert [sorted(item) for item in predictions] == [
        ["labels", "predicted_label", "probabilities"]
    ] * 4
    assert [item["predicted_label"] for item in predictions] == [int(p > 0.5) for p in probability]
    assert all(item["labels"] == [0, 1] for item in predictions)
    pairs = np.array([item["probabilities"] for item in predictions])
    assert pairs == pytest.approx(np.column_stack([1 - probability, probability]), abs=1e-6)

    # And CSV gives one column per key, in the order selected, a list in one cell
    reply = handler.invoke(_csv(rows), "text/csv", "text/csv")
    table = list(csv.reader(io.StringIO(reply.body.decode())))
    assert [row[0] for row in table] == [str(int(p > 0.5)) for p in probability]
    assert [row[1] for row in table] == ["[0, 1]"] * 4
    assert [json.loads(row[2])[1] for row in table] == pytest.approx(probability, abs=1e-6)


def test_a_multiclass_model_answers_the_winning_class_and_a_key_it_cannot_as_nan(
    tmp_path, monkeypatch
):
    iris = load_iris()
    booster = xgboost.train(
        {"objective": "multi:softprob", "num_class": 3, "max_depth": 2},
        xgboost.DMatrix(iris.data, iris.target),
        5,
    )
    rows = iris.data[::50]
    probabilities = booster.predict(xgboost.DMatrix(rows))

    # Given a multi:softprob model selecting classification keys and a regression one
    handler = _serve(
        tmp_path, booster, monkeypatch, "predicted_label,probability,labels,predicted_score"
    )

    # When rows are sent
    reply = handler.invoke(_csv(rows), "text/csv", "application/jsonlines")

    # Then the winning class, its probability and every label come back, and the key that
    # does not fit a classifier is NaN (as SageMaker's container answers it)
    assert reply.status == 200, reply.body
    lines = [json.loads(line) for line in reply.body.decode().splitlines()]
    assert [line["predicted_label"] for line in lines] == np.argmax(probabilities, 1).tolist()
    assert [line["probability"] for line in lines] == pytest.approx(probabilities.max(1), abs=1e-6)
    assert all(line["labels"] == [0, 1, 2] for line in lines)
    assert all(math.isnan(line["predicted_score"]) for line in lines)


def test_without_a_selection_the_answer_is_the_score_and_a_bad_key_stops_the_model(
    tmp_path, monkeypatch
):
    features, labels = load_breast_cancer(return_X_y=True)
    booster = xgboost.train({"objective": "binary:logistic"}, xgboost.DMatrix(features, labels), 2)

    # Given no selection, Then the answer is SageMaker's default {"score": ...}
    handler = _serve(tmp_path / "plain", booster, monkeypatch, None)
    reply = handler.invoke(_csv(features[:1]), "text/csv", "application/json")
    assert list(json.loads(reply.body)["predictions"][0]) == ["score"]

    # Given a selection naming a key XGBoost cannot answer, Then the model does not load and
    # the error names the keys it can
    with pytest.raises(Exception) as raised:
        _serve(tmp_path / "bad", booster, monkeypatch, "predicted_label,confidence")
    assert "confidence" in str(raised.value) and "probabilities" in str(raised.value)
