"""Malformed requests to the MLflow face: each is a 4xx in MLflow's error shape
(``error_code`` and ``message``), refused as MLflow refuses it, never a 500."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import pytest
from tornado.httpclient import HTTPClientError

API = ("mlstudio", "mlflow", "api", "2.0", "mlflow")
ARTIFACTS = ("mlstudio", "mlflow", "api", "2.0", "mlflow-artifacts", "artifacts")


@pytest.fixture
def mlflow_api(jp_fetch):
    """``await mlflow_api("POST", "runs/create", body)`` → (status, decoded body, headers)."""

    async def call(
        method: str, endpoint: str, body: Any = None, **params: Any
    ) -> tuple[int, Any, Any]:
        kwargs: dict[str, Any] = {"method": method}
        if body is not None:
            kwargs["body"] = body if isinstance(body, str | bytes) else json.dumps(body)
        if params:
            kwargs["params"] = params
        try:
            response = await jp_fetch(*API, *endpoint.split("/"), **kwargs)
        except HTTPClientError as error:
            assert error.response is not None
            return error.code, json.loads(error.response.body), error.response.headers
        return response.code, json.loads(response.body or b"{}"), response.headers

    return call


def _refused(answer: tuple[int, Any, Any], status: int = 400, words: str = "") -> None:
    code, body, headers = answer
    assert code == status, body
    assert headers["Content-Type"] == "application/json"
    assert set(body) == {"error_code", "message"}, body
    assert body["error_code"] == "INVALID_PARAMETER_VALUE" if status == 400 else True
    assert words in body["message"], body


@pytest.fixture
def run_id(services) -> str:
    context = services.server_context()
    experiment = services.experiments.default_experiment(context).experiment_id
    return str(services.experiments.create_run(context, experiment).run_id)


@pytest.mark.parametrize(
    "endpoint",
    ["runs/create", "runs/log-batch", "experiments/create", "registered-models/create"],
)
async def test_deeply_nested_bodies_are_refused_before_parsing(mlflow_api, endpoint):
    _refused(await mlflow_api("POST", endpoint, "[" * 50_000 + "]" * 50_000), words="64 levels")


@pytest.mark.parametrize(
    ("field", "value"),
    [("step", "1e300"), ("step", "1e999"), ("timestamp", "1e300"), ("step", "9223372036854775808")],
)
async def test_log_metric_numbers_out_of_range_are_refused(mlflow_api, run_id, field, value):
    body = (
        f'{{"run_id": "{run_id}", "key": "loss", "value": 0.5, "timestamp": 1, "step": 0, '
        f'"{field}": {value}}}'
    )
    _refused(await mlflow_api("POST", "runs/log-metric", body), words=field)


async def test_max_results_out_of_range_is_refused(mlflow_api):
    _refused(
        await mlflow_api("POST", "runs/search", '{"experiment_ids": ["0"], "max_results": 1e999}'),
        words="max_results",
    )
    _refused(await mlflow_api("GET", "registered-models/search", max_results="0"))
    _refused(await mlflow_api("GET", "model-versions/search", max_results="-3"))


@pytest.mark.parametrize(
    ("endpoint", "body"),
    [
        ("runs/set-tag", '{{"run_id": "{run}", "key": "k", "value": "\\ud800"}}'),
        ("runs/log-parameter", '{{"run_id": "{run}", "key": "\\ud800", "value": "v"}}'),
        ("experiments/create", '{{"name": "x\\udc00"}}'),
        ("runs/search", '{{"experiment_ids": ["0"], "filter": "params.a = \'\\ud800\'"}}'),
    ],
)
async def test_a_lone_surrogate_in_any_string_is_refused(mlflow_api, run_id, endpoint, body):
    _refused(await mlflow_api("POST", endpoint, body.format(run=run_id)), words="surrogate")


async def test_validation_that_escaped_as_500_is_a_400(mlflow_api, run_id):
    _refused(
        await mlflow_api("POST", "runs/log-parameter", {"run_id": run_id, "key": "k" * 251}),
        words="250",
    )
    _refused(
        await mlflow_api("POST", "runs/log-batch", {"run_id": run_id, "params": [{"value": "v"}]}),
        words="'key'",
    )
    _refused(
        await mlflow_api("POST", "runs/create", {"experiment_id": "0", "tags": [{"value": "v"}]}),
        words="'key'",
    )
    _refused(
        await mlflow_api("POST", "runs/log-batch", {"run_id": run_id, "tags": [{"key": ""}]}),
        words="'key'",
    )


async def test_mlflow_parity_for_path_like_keys_and_a_missing_experiment_id(mlflow_api, run_id):
    _refused(
        await mlflow_api("POST", "runs/log-parameter", {"run_id": run_id, "key": "../x"}),
        words="must not resolve to other names",
    )
    _refused(
        await mlflow_api("POST", "experiments/update", {"new_name": "renamed"}),
        words="experiment_id",
    )


async def test_a_forged_page_token_is_refused(mlflow_api, run_id):
    forged = base64.urlsafe_b64encode(b'{"offset":"x"}').decode()
    _refused(
        await mlflow_api(
            "POST", "runs/search", {"experiment_ids": ["0"], "max_results": 1, "page_token": forged}
        ),
        words="page_token",
    )
    await mlflow_api("POST", "runs/create", {"experiment_id": "0"})
    status, page, _ = await mlflow_api(
        "POST", "runs/search", {"experiment_ids": ["0"], "max_results": 1}
    )
    assert status == 200 and page["next_page_token"]
    _refused(
        await mlflow_api(
            "POST",
            "runs/search",
            {
                "experiment_ids": ["0"],
                "max_results": 1,
                "filter": "attributes.status = 'RUNNING'",
                "page_token": page["next_page_token"],
            },
        ),
        words="another query",
    )


async def test_a_filter_of_two_thousand_clauses_names_the_limit(mlflow_api):
    text = " AND ".join(f"params.p{index} = 'v'" for index in range(2000))
    _refused(
        await mlflow_api("POST", "runs/search", {"experiment_ids": ["0"], "filter": text}),
        words="at most 100 comparisons",
    )
    _refused(
        await mlflow_api(
            "POST", "runs/search", {"experiment_ids": ["0"], "filter": "metrics.m > 1e999"}
        ),
        words="out of range",
    )


async def test_a_wrong_method_on_an_endpoint_is_a_405_with_allow(mlflow_api):
    status, body, headers = await mlflow_api("GET", "runs/create")
    assert status == 405 and headers["Allow"] == "POST", body
    assert set(body) == {"error_code", "message"}
    status, body, headers = await mlflow_api("PUT", "runs/get", "{}")
    assert status == 405 and "GET" in headers["Allow"].split(", "), body


# -- artifacts ---------------------------------------------------------------------------------


async def _put(jp_fetch, path: str, data: bytes) -> int:
    try:
        response = await jp_fetch(*ARTIFACTS, path, method="PUT", body=data)
    except HTTPClientError as error:
        assert error.response is not None
        body = json.loads(error.response.body)
        assert set(body) == {"error_code", "message"}
        return error.code
    return response.code


@pytest.mark.parametrize(
    "path",
    ["1/run/artifacts/" + "x" * 256, "1/run/artifacts/" + "é" * 128, "1/run/artifacts/a\x00b"],
)
async def test_artifact_names_over_255_bytes_or_with_nul_are_refused(jp_fetch, path):
    assert await _put(jp_fetch, path, b"data") == 400


async def test_artifacts_named_outside_latin_1_download_with_rfc_6266_names(jp_fetch):
    name = '模型-权重 "v1".bin'
    assert await _put(jp_fetch, f"1/run/artifacts/{name}", b"weights") == 200
    response = await jp_fetch(*ARTIFACTS, "1", "run", "artifacts", name)
    assert response.body == b"weights"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith("v1_.bin")


async def test_unknown_api_paths_answer_in_mlflow_shape(jp_fetch):
    for parts in (("api", "9.9", "mlflow", "x"), ("ajax-api", "2.0", "nothing"), ("api",)):
        response = await jp_fetch("mlstudio", "mlflow", *parts, raise_error=False)
        assert response.code == 404, response.body
        assert response.headers["Content-Type"] == "application/json"
        assert json.loads(response.body)["error_code"] == "ENDPOINT_NOT_FOUND"
