"""The built-in algorithms' parts without a server: the RecordIO-protobuf codec against bytes
the real SageMaker SDK wrote, hyperparameter validation messages, the declarations the
server reads, request decoding and response encoding of their serving hooks."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.datasets import load_iris

from jupyterlab_mlstudio.algorithms import ALGORITHMS, ClientError, for_image, get, recordio
from jupyterlab_mlstudio.algorithms.serving import decode, encode
from jupyterlab_mlstudio.logs.service import LogLine
from jupyterlab_mlstudio.serving.codecs import InferenceError
from jupyterlab_mlstudio.training.metric_extraction import MetricExtractor
from jupyterlab_mlstudio.training.models import MetricDefinition

from .algorithm_helpers import FIXTURES, IRIS_RECORDS


def test_records_the_sdk_wrote_decode_to_its_rows_and_labels():
    features, labels = load_iris(return_X_y=True)
    # Given iris as record_set() writes it (float32 rows and labels), and float64 rows
    decoded, decoded_labels = recordio.to_arrays(recordio.read_records(IRIS_RECORDS.read_bytes()))
    assert np.array_equal(decoded, features.astype(np.float32))
    assert np.array_equal(decoded_labels, labels)
    wide = (FIXTURES / "iris5-float64.pbr").read_bytes()
    rows, none = recordio.to_arrays(recordio.read_records(wide))
    assert np.array_equal(rows, features[:5]) and none is None
    # And the writer produces the SDK's bytes exactly
    assert (
        recordio.write_rows(features.astype(np.float32), labels.astype(np.float32))
        == IRIS_RECORDS.read_bytes()
    )


def test_sparse_records_spread_over_their_shape_and_garbage_is_refused():
    # A sparse tensor: values at keys, width from shape (hand-encoded as the SDK encodes it)
    def field(number: int, payload: bytes) -> bytes:
        return bytes([number << 3 | 2, len(payload)]) + payload

    tensor = (
        field(1, np.asarray([1.5, 2.0], dtype="<f4").tobytes())
        + field(2, bytes([1, 3]))
        + field(3, bytes([5]))
    )
    entry = field(1, b"values") + field(2, field(2, tensor))
    rows, _ = recordio.to_arrays(recordio.read_records(recordio.frame(field(1, entry))))
    assert rows.tolist() == [[0.0, 1.5, 0.0, 2.0, 0.0]]
    with pytest.raises(recordio.RecordFormatError, match="magic"):
        recordio.read_records(b"1,2,3\n4,5,6\n")


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        ("xgboost", {}, "Missing required hyperparameter: num_round"),
        ("xgboost", {"num_round": "5", "foo": "1"}, "Extraneous hyperparameter found: foo"),
        ("xgboost", {"num_round": "0"}, "Hyperparameter num_round: 0 is not in [1, +inf)"),
        (
            "xgboost",
            {"num_round": "5", "subsample": "0"},
            "Hyperparameter subsample: 0.0 is not in (0, 1]",
        ),
        (
            "xgboost",
            {"num_round": "5", "booster": "forest"},
            "Hyperparameter booster: forest is not one of",
        ),
        (
            "xgboost",
            {"num_round": "5", "num_class": "3"},
            "Do not need to setup parameter 'num_class'",
        ),
        ("xgboost", {"num_round": "5", "eval_metric": "auc"}, "Metric 'auc' can only be applied"),
        (
            "kmeans",
            {"k": "3", "feature_dim": "4", "eval_metrics": '["msd","sse"]'},
            "sse is not one of msd, ssd",
        ),
        ("linear-learner", {}, "Missing required hyperparameter: predictor_type"),
        (
            "linear-learner",
            {"predictor_type": "regressor", "loss": "logistic"},
            "cannot be used with predictor_type regressor",
        ),
        (
            "pca",
            {
                "num_components": "2",
                "feature_dim": "4",
                "mini_batch_size": "10",
                "algorithm_mode": "fast",
            },
            "algorithm_mode: fast is not one of regular, randomized",
        ),
    ],
)
def test_validation_refuses_with_sagemakers_words(name, given, message):
    with pytest.raises(ClientError) as raised:
        get(name).validate(given)
    assert message in str(raised.value)


def test_validation_fills_defaults_and_reads_the_sdks_encodings():
    values = get("xgboost").validate(
        {"num_round": "10.0", "eta": '"0.2"', "_tuning_objective_metric": "validation:auc"}
    )
    assert values["num_round"] == 10 and values["eta"] == 0.2 and values["max_depth"] == 6
    kmeans = get("kmeans").validate({"k": "3", "feature_dim": "4", "force_dense": "True"})
    assert kmeans["eval_metrics"] == ["msd"] and kmeans["extra_center_factor"] == "auto"


def test_images_name_algorithms_and_metric_regexes_match_the_lines_they_print():
    assert (
        for_image("246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1").name
        == "xgboost"
    )
    assert (
        for_image("438346466558.dkr.ecr.eu-west-1.amazonaws.com/linear-learner:1").name
        == "linear-learner"
    )
    assert for_image("pca").name == "pca" and for_image("default") is None
    for algorithm in ALGORITHMS.values():
        assert len(algorithm.metrics) <= 40  # SageMaker's limit on MetricDefinitions
    lines = {
        "xgboost": (
            "[3]#011train-rmse:0.41#011validation-auc:0.97",
            {"train:rmse": 0.41, "validation:auc": 0.97},
        ),
        "kmeans": ("#quality_metric: host=algo-1, test msd <loss>=1.25", {"test:msd": 1.25}),
        "linear-learner": (
            "#quality_metric: host=algo-1, epoch=2, validation binary_classification_cross_entropy_objective <loss>=0.3",
            {"validation:objective_loss": 0.3},
        ),
    }
    for name, (line, expected) in lines.items():
        definitions = [MetricDefinition(name=m.name, regex=m.regex) for m in get(name).metrics]
        extractor = MetricExtractor(definitions)
        points = extractor.extract([LogLine(0, line)], {}).points
        found = {point.key: point.value for point in points}
        for metric, value in expected.items():
            assert found[metric] == pytest.approx(value)


def test_requests_decode_from_every_format_and_refuse_the_unknown():
    rows = [[1.0, 2.0], [3.0, 4.0]]
    bodies = {
        "text/csv": "1,2\n3,4\n",
        "application/json": json.dumps({"instances": [{"features": r} for r in rows]}),
        "application/jsonlines": "\n".join(json.dumps({"features": r}) for r in rows),
        recordio.CONTENT_TYPE: recordio.write_rows(np.asarray(rows, dtype=np.float32)),
    }
    for kind, body in bodies.items():
        assert decode(body, kind).tolist() == rows, kind
    nested = {"instances": [{"data": {"features": {"values": r}}} for r in rows]}
    assert decode(json.dumps(nested), "application/json").tolist() == rows
    assert decode(b"0 1:1 2:2\n0 1:3 2:4", "text/libsvm", xgboost=True).toarray().tolist() == rows
    with pytest.raises(InferenceError) as unknown:
        decode(b"x", "image/png")
    assert unknown.value.status == 415
    with pytest.raises(InferenceError) as broken:
        decode("1,a\n", "text/csv")
    assert broken.value.status == 400


def test_responses_encode_as_the_sdks_deserializers_read_them():
    outputs = [{"closest_cluster": 1.0, "distance_to_cluster": 0.5}]
    assert json.loads(encode(outputs, "application/json")) == {"predictions": outputs}
    assert json.loads(encode([{"projection": [1.0, 2.0]}], "application/json", "projections")) == {
        "projections": [{"projection": [1.0, 2.0]}]
    }
    assert encode(outputs, "text/csv") == b"1.0,0.5\n"
    records = recordio.read_records(encode(outputs, recordio.CONTENT_TYPE))
    assert records[0].label["distance_to_cluster"].values.tolist() == [0.5]


def test_xgboost_trains_on_libsvm_in_the_units_own_layout(tmp_path, monkeypatch, capsys):
    import xgboost
    from sklearn.datasets import dump_svmlight_file, load_breast_cancer

    from jupyterlab_mlstudio.algorithms.train import MARKER, run

    # Given a job folder as a training unit sees it: libsvm channels, no ContentType
    features, labels = load_breast_cancer(return_X_y=True)
    for channel, rows in (("train", slice(0, 400)), ("validation", slice(400, None))):
        folder = tmp_path / "input" / "data" / channel
        folder.mkdir(parents=True)
        dump_svmlight_file(
            features[rows], labels[rows], str(folder / "part.libsvm"), zero_based=False
        )
    config = tmp_path / "input" / "config"
    config.mkdir(parents=True)
    hyperparameters = {"num_round": "8", "objective": "binary:logistic", "eval_metric": "error"}
    (config / "hyperparameters.json").write_text(json.dumps(hyperparameters))
    (config / "inputdataconfig.json").write_text(json.dumps({"train": {}, "validation": {}}))
    monkeypatch.setenv("SM_INPUT_DIR", str(tmp_path / "input"))
    monkeypatch.setenv("SM_INPUT_CONFIG_DIR", str(config))
    monkeypatch.setenv("SM_MODEL_DIR", str(tmp_path / "model"))
    monkeypatch.setenv("SM_OUTPUT_DIR", str(tmp_path / "output"))
    for name in ("SM_CHANNEL_TRAIN", "SM_CHANNEL_VALIDATION"):
        monkeypatch.delenv(name, raising=False)

    # When the algorithm trains
    assert run("xgboost") == 0

    # Then it printed each round as SageMaker's container does and saved a Booster any XGBoost
    # loads, which predicts as well as XGBoost trained directly
    rounds = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in rounds[-8:]] == [f"[{i}" for i in range(8)]
    assert "#011train-error:" in rounds[-1] and "#011validation-error:" in rounds[-1]
    booster = xgboost.Booster(model_file=str(tmp_path / "model" / "xgboost-model"))
    error = float(rounds[-1].rsplit("validation-error:", 1)[1])
    predicted = booster.predict(xgboost.DMatrix(features[400:])) > 0.5
    assert np.mean(predicted != labels[400:]) == pytest.approx(error, abs=1e-4)
    assert json.loads((tmp_path / "model" / MARKER).read_text())["algorithm"] == "xgboost"


def test_xgboost_serves_a_booster_sagemakers_older_containers_pickled(tmp_path, monkeypatch):
    import pickle

    import xgboost
    from sklearn.datasets import load_breast_cancer

    from jupyterlab_mlstudio.serving.handlers import InferenceHandler, Layout

    # Given an artifact whose xgboost-model is a pickled Booster, on the XGBoost image
    features, labels = load_breast_cancer(return_X_y=True)
    booster = xgboost.train({"objective": "binary:logistic"}, xgboost.DMatrix(features, labels), 3)
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "xgboost-model").write_bytes(pickle.dumps(booster))
    monkeypatch.setenv("MLSTUDIO_ALGORITHM", "xgboost")
    handler = InferenceHandler(Layout(str(tmp_path)))
    handler.load()

    # When rows are sent as CSV with no Accept, the answer is CSV (SageMaker's XGBoost default)
    body = "\n".join(",".join(str(float(v)) for v in row) for row in features[:3])
    reply = handler.invoke(body.encode(), "text/csv", None)
    assert reply.status == 200 and reply.content_type == "text/csv"
    expected = booster.predict(xgboost.DMatrix(features[:3]))
    assert [float(v) for v in reply.body.split()] == pytest.approx(expected, abs=1e-6)
    # And too few features is the client's mistake, not a crash
    assert handler.invoke(b"1,2,3", "text/csv", None).status == 400
