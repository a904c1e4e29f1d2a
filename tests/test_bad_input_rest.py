"""Malformed requests to the REST face: each is a 4xx ``{"error", "message", "field"}``, and the
OpenAPI document states what the server refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError


def _refused(answer: tuple[int, Any], field: str | None = None, error: str = "InvalidInput"):
    status, body = answer
    assert status == 400, body
    assert body["error"] == error and body["message"], body
    assert set(body) <= {"error", "message", "field"}, body
    if field is not None:
        assert body.get("field") == field, body
    return body


async def test_deeply_nested_bodies_are_refused_before_parsing(api):
    deep = '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}"
    body = _refused(await api("POST", "experiments", deep), field="body")
    assert "64 levels" in body["message"]


async def test_a_body_is_required_where_the_document_says_so(api):
    status, run = await api("POST", "runs", {"experiment_name": "e"})
    assert status == 201, run
    _refused(await api("PATCH", f"runs/{run['run_id']}"), field="body")
    _refused(await api("PATCH", f"runs/{run['run_id']}", "[]"), field="body")
    status, patched = await api("PATCH", f"runs/{run['run_id']}", {"name": "renamed"})
    assert status == 200 and patched["name"] == "renamed", patched


async def test_types_are_checked_as_the_document_states_them(api):
    code, created = await api("POST", "images", {"name": "typed", "base_image": None})
    assert code == 201, created
    _refused(
        await api("PUT", "images/typed/config", {"kernel_specs": [{"name": "py"}], "gid": False}),
        field="gid",
    )
    _refused(
        await api("PUT", "images/typed/config", {"kernel_specs": [{"name": "py"}], "uid": "0"}),
        field="uid",
    )
    _refused(
        await api("PUT", "images/typed/config", {"kernel_specs": [{"name": "py"}], "uid": 5}),
        field="uid",
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"name": "\\ud800"}',
        '{"name": "ok", "tags": {"\\udc00": "v"}}',
        '{"name": "a\\u0000b"}',
    ],
)
async def test_text_that_is_not_valid_unicode_is_refused(api, body):
    _refused(await api("POST", "experiments", body))


async def test_an_empty_tag_key_is_refused_not_a_500(api):
    body = _refused(await api("POST", "runs", {"experiment_name": "e", "tags": {"": ""}}))
    assert body["field"].startswith("tags") and "at least 1 character" in body["message"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("runs/{run}/batch", {"metrics": [{"key": "m", "value": 1, "timestamp": 2**63}]}, None),
        ("runs/{run}/batch", {"metric_rows": [["m", 1, 2**64, 0]]}, None),
        (
            "runs/{run}/batch",
            {"metrics": [{"key": "m", "value": 1, "timestamp": 1, "step": -(2**63) - 1}]},
            None,
        ),
        ("runs/{run}", {"end_time": 2**63}, "end_time"),
    ],
)
async def test_integers_a_column_cannot_hold_are_refused(api, path, body, field):
    status, run = await api("POST", "runs", {"experiment_name": "e"})
    assert status == 201
    method = "PATCH" if path == "runs/{run}" else "POST"
    _refused(await api(method, path.format(run=run["run_id"]), body), field=field)


async def test_a_forged_next_token_is_invalid_next_token(api, services):
    from .test_store import _seed

    _seed(services.database, 3)
    _refused(
        await api("GET", "training-jobs", next_token="eyJvZmZzZXQiOjF9", sort_order="Descending"),
        field="NextToken",
        error="InvalidNextToken",
    )
    status, page = await api("GET", "training-jobs", max_items="1")
    assert status == 200 and page["next_token"]
    _refused(
        await api("GET", "training-jobs", max_items="1", next_token=page["next_token"] + "x"),
        error="InvalidNextToken",
    )
    status, second = await api("GET", "training-jobs", max_items="1", next_token=page["next_token"])
    assert status == 200 and second["training_jobs"][0]["training_job_name"] == "job-001"
    _refused(
        await api("GET", "experiments", next_token="eyJvZmZzZXQiOiJ4In0"), error="InvalidNextToken"
    )


async def test_a_search_filter_of_two_thousand_clauses_names_the_limit(api):
    status, experiment = await api("POST", "experiments", {"name": "e"})
    assert status == 201
    text = " and ".join(f"metrics.m{index} > 0" for index in range(2000))
    body = _refused(
        await api("GET", "runs", experiment_id=experiment["experiment_id"], filter=text),
        field="filter",
    )
    assert "at most 100" in body["message"]


async def test_a_wrong_method_is_a_405_with_allow(jp_fetch):
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch("mlstudio", "api", "v1", "status", method="DELETE")
    assert raised.value.code == 405
    assert raised.value.response.headers["Allow"].split(", ")[0] == "GET"
    body = json.loads(raised.value.response.body)
    assert body["error"] == "MethodNotAllowed"


async def test_the_document_states_the_bounds_the_server_enforces(api):
    status, document = await api("GET", "openapi.json")
    assert status == 200
    schemas = document["components"]["schemas"]
    spec = schemas["KernelSpecEntry"]["properties"]["name"]
    assert spec["pattern"] and spec["minLength"] == 1 and spec["maxLength"] == 128
    config = schemas["ConfigBody"]["properties"]
    assert config["gid"]["enum"] == [0, 100] and config["uid"]["enum"] == [0, 1000]
    point = schemas["MetricPoint-Input"]["properties"]
    assert point["timestamp"]["maximum"] == 2**63 - 1
    patch = document["paths"]["/runs/{run_id}"]["patch"]
    assert patch["requestBody"]["required"] is True
