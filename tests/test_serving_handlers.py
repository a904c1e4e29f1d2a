"""The inference toolkit's convention inside a serving unit, called in-process: hooks, defaults,
content types and errors (the unit's HTTP face is tested on real units in test_serving_unit)."""

from __future__ import annotations

import io
import json
import pickle

import joblib
import numpy as np
import pytest

from jupyterlab_mlstudio.serving import builtin
from jupyterlab_mlstudio.serving.codecs import accepted, decode, encode
from jupyterlab_mlstudio.serving.handlers import InferenceHandler, Layout

from .serving_helpers import WEIGHTS, model_folder

ROWS = [[1.0, 2.0, 3.0], [0.0, 1.0, 0.5]]
EXPECTED = (np.asarray(ROWS) @ np.asarray(WEIGHTS)).tolist()


def npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array))
    return buffer.getvalue()


def loaded(folder, program=None) -> InferenceHandler:
    handler = InferenceHandler(Layout(str(folder)), program=program)
    handler.load()
    return handler


def test_every_hook_runs_in_order_with_context_and_content_types(tmp_path):
    # Given inference code with every hook (model_fn and input_fn take context)
    handler = loaded(model_folder(tmp_path, "serving_hooks"))
    # When JSON, CSV and NPY bodies are sent
    as_json = handler.invoke(json.dumps({"rows": ROWS}).encode(), "application/json", None)
    as_csv = handler.invoke(b"1,2,3\n0,1,0.5", "text/csv", "text/csv")
    as_npy = handler.invoke(npy(ROWS), "application/x-npy", "application/json")
    # Then each went through input_fn, predict_fn and output_fn
    assert as_json.status == 200
    body = json.loads(as_json.body)
    assert body["predictions"] == EXPECTED
    assert body["events"] == ["pre_model_fn", "model_warmup_fn"]
    assert body["accept"] == "application/json"  # no Accept: the default
    assert as_csv.status == 200 and as_csv.content_type == "text/csv"
    assert [float(line) for line in as_csv.body.decode().splitlines()] == EXPECTED
    assert as_npy.status == 200 and json.loads(as_npy.body)["predictions"] == EXPECTED
    # And model_fn got the context naming the model folder
    assert handler.model["dir"] == str(tmp_path / "model")
    # And execution_parameters_fn is answered
    assert handler.execution_parameters()["MaxConcurrentTransforms"] == 2


def test_an_exception_in_the_models_code_answers_500_with_its_message(tmp_path):
    handler = loaded(model_folder(tmp_path, "serving_hooks"))
    reply = handler.invoke(json.dumps({"rows": [[1.0, 2.0]]}).encode(), "application/json", None)
    assert reply.status == 500
    assert reply.body.decode() == "expected 3 features, got 2"


def test_default_input_and_output_functions_read_and_write_json_csv_and_npy(tmp_path):
    # Given model_fn and predict_fn only
    handler = loaded(model_folder(tmp_path, "serving_defaults"))
    for content_type, body in (
        ("application/json", json.dumps(ROWS).encode()),
        ("text/csv", b"1,2,3\n0,1,0.5\n"),
        ("application/x-npy", npy(ROWS)),
    ):
        for accept in ("application/json", "text/csv", "application/x-npy"):
            reply = handler.invoke(body, content_type, accept)
            assert reply.status == 200, reply.body
            assert reply.content_type == accept
            if accept == "application/json":
                result = json.loads(reply.body)
            elif accept == "text/csv":
                result = [float(line) for line in reply.body.decode().splitlines()]
            else:
                result = np.load(io.BytesIO(reply.body)).tolist()
            assert result == pytest.approx(EXPECTED)


def test_unknown_content_type_is_415_and_unwritable_accept_is_406_before_the_model_runs(tmp_path):
    handler = loaded(model_folder(tmp_path, "serving_defaults"))
    refused = handler.invoke(b"<rows/>", "application/xml", None)
    assert refused.status == 415
    assert "application/xml" in refused.body.decode()
    # A negative input would make predict_fn raise: 406 proves the model never ran.
    unwritable = handler.invoke(json.dumps([[-1, 0, 0]]).encode(), "application/json", "image/png")
    assert unwritable.status == 406
    assert "image/png" in unwritable.body.decode()
    # Accept lists are read best first; */* is the default
    listed = handler.invoke(json.dumps(ROWS).encode(), "application/json", "image/png, text/csv")
    assert listed.status == 200 and listed.content_type == "text/csv"
    assert accepted("*/*", "application/json") == ["application/json"]
    assert accepted("text/csv;q=0.5, application/json", "x") == ["application/json", "text/csv"]


def test_a_body_that_is_not_its_type_is_400_and_the_models_own_error_is_500(tmp_path):
    handler = loaded(model_folder(tmp_path, "serving_defaults"))
    assert handler.invoke(b"{not json", "application/json", None).status == 400
    assert handler.invoke(b"a,b\n", "text/csv", None).status == 400
    raised = handler.invoke(json.dumps([[-1, 0, 0]]).encode(), "application/json", None)
    assert raised.status == 500
    assert raised.body.decode() == "negative inputs are not allowed by this model"


def test_transform_fn_gets_the_body_as_text_and_answers_with_its_own_type(tmp_path):
    handler = loaded(model_folder(tmp_path, "serving_transform_fn"))
    reply = handler.invoke(b"1,2", "text/csv", "*/*")
    assert reply.status == 200
    assert reply.content_type == "text/plain"
    assert reply.body == b"text/csv|application/json|1,2"


def test_transform_fn_with_input_fn_is_refused_at_load(tmp_path):
    folder = model_folder(tmp_path, "serving_transform_fn")
    code = folder / "model" / "code" / "inference.py"
    code.write_text(code.read_text() + "\n\ndef input_fn(body, content_type):\n    return body\n")
    with pytest.raises(RuntimeError, match="transform_fn together with input_fn"):
        loaded(folder)


def test_a_named_program_that_does_not_exist_fails_the_load(tmp_path):
    with pytest.raises(RuntimeError, match=r"SAGEMAKER_PROGRAM=serve\.py was not found"):
        loaded(model_folder(tmp_path), program="serve.py")


def test_builtin_handlers_serve_scikit_learn_saved_with_joblib_or_pickle(tmp_path):
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = load_breast_cancer()
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(data.data, data.target)
    expected = model.predict(data.data[:5]).tolist()
    for name, save in (
        ("model.joblib", lambda path: joblib.dump(model, path)),
        ("model.pkl", lambda path: path.write_bytes(pickle.dumps(model))),
    ):
        folder = tmp_path / name
        (folder / "model").mkdir(parents=True)
        save(folder / "model" / name)
        handler = loaded(folder)
        csv_rows = "\n".join(",".join(str(value) for value in row) for row in data.data[:5])
        reply = handler.invoke(csv_rows.encode(), "text/csv", "application/json")
        assert reply.status == 200, reply.body
        assert json.loads(reply.body) == expected


def test_builtin_handlers_say_what_they_looked_for_when_no_model_file_is_there(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "notes.txt").write_text("hello")
    with pytest.raises(Exception, match=r"No model file .*found notes\.txt"):
        loaded(tmp_path)


def test_builtin_handlers_serve_xgboost_boosters(tmp_path):
    xgboost = pytest.importorskip(
        "xgboost", reason="the algorithms and test extras install xgboost"
    )
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    booster = xgboost.train(
        {"objective": "binary:logistic", "max_depth": 2},
        xgboost.DMatrix(data.data, label=data.target),
        num_boost_round=5,
    )
    (tmp_path / "model").mkdir()
    booster.save_model(str(tmp_path / "model" / "xgboost-model"))
    handler = loaded(tmp_path)
    reply = handler.invoke(npy(data.data[:4]), "application/x-npy", "application/json")
    assert reply.status == 200, reply.body
    expected = booster.predict(xgboost.DMatrix(data.data[:4])).tolist()
    assert json.loads(reply.body) == pytest.approx(expected, rel=1e-6)


def test_builtin_handlers_serve_a_pickled_xgboost_booster(tmp_path):
    # Given a Booster pickled under xgboost-model, as older SageMaker containers saved it
    xgboost = pytest.importorskip(
        "xgboost", reason="the algorithms and test extras install xgboost"
    )
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    booster = xgboost.train(
        {"objective": "binary:logistic", "max_depth": 2},
        xgboost.DMatrix(data.data, label=data.target),
        num_boost_round=5,
    )
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "xgboost-model").write_bytes(pickle.dumps(booster))
    # When the default handlers load and invoke it, Then it predicts as the Booster does
    handler = loaded(tmp_path)
    reply = handler.invoke(npy(data.data[:4]), "application/x-npy", "application/json")
    assert reply.status == 200, reply.body
    expected = booster.predict(xgboost.DMatrix(data.data[:4])).tolist()
    assert json.loads(reply.body) == pytest.approx(expected, rel=1e-6)


def test_builtin_handlers_serve_torchscript_and_a_module_from_model_fn_on_the_cpu(tmp_path, capsys):
    torch = pytest.importorskip("torch", reason="torch (CPU) is installed for the main Python only")
    torch.manual_seed(0)
    network = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Softmax(dim=1)).eval()
    inputs = torch.tensor(ROWS, dtype=torch.float32)
    expected = network(inputs).detach().numpy().tolist()
    # TorchScript, no inference code
    scripted = tmp_path / "scripted"
    (scripted / "model").mkdir(parents=True)
    torch.jit.script(network).save(str(scripted / "model" / "model.pt"))
    reply = loaded(scripted).invoke(json.dumps(ROWS).encode(), "application/json", None)
    assert reply.status == 200, reply.body
    assert np.allclose(json.loads(reply.body), expected, rtol=1e-5)
    # And the unit says where it runs: no GPU on this instance type
    assert "on the CPU" in capsys.readouterr().out
    # A module that model_fn builds, with the unit's own input, predict and output functions
    built = model_folder(tmp_path / "built", "serving_torch", files={})
    torch.save(network.state_dict(), str(built / "model" / "weights.pth"))
    reply = loaded(built).invoke(npy(ROWS), "application/x-npy", "application/x-npy")
    assert reply.status == 200, reply.body
    assert np.allclose(np.load(io.BytesIO(reply.body)), expected, rtol=1e-5)


def test_torch_on_an_instance_type_with_a_gpu_that_torch_cannot_see_says_so(monkeypatch):
    torch = pytest.importorskip("torch", reason="torch (CPU) is installed for the main Python only")
    monkeypatch.setenv("MLSTUDIO_INSTANCE_GPUS", "1")
    monkeypatch.setenv("MLSTUDIO_INSTANCE_TYPE", "ml.g5.xlarge")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    where, note = builtin.device()
    assert where == "cpu"
    assert "ml.g5.xlarge has 1 GPU(s), but torch sees no CUDA device" in note


def test_codecs_round_trip_and_unwrap_instances():
    assert decode('{"instances": [[1, 2]]}', "application/json").tolist() == [[1, 2]]
    assert decode('{"a": 1}', "application/json") == {"a": 1}
    assert encode(np.asarray([[1, 2], [3, 4]]), "text/csv") == b"1,2\n3,4\n"
    assert encode([1, 2], "application/jsonlines") == b"1\n2\n"
