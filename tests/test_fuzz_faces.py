"""Fuzzing the AWS and MLflow faces: every action in the AWS action registry and every MLflow
route gets malformed requests (correctly signed where a signature is needed). None may answer
5xx; the AWS face answers in AWS's JSON error shape and never HTML; the MLflow face in MLflow's.

``MLSTUDIO_FUZZ_SEED`` picks other inputs; a failure names the seed that reproduces it.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any
from urllib.parse import quote

import requests

from jupyterlab_mlstudio.aws.actions import face_actions
from jupyterlab_mlstudio.aws.registry import TARGET_PREFIXES
from jupyterlab_mlstudio.aws.shapes import service_model
from jupyterlab_mlstudio.mlflow_api.handlers import _TABLE as MLFLOW_ROUTES

from .aws_helpers import aws_url, in_thread, signed_post
from .fuzz_bodies import MlflowFuzzer, ShapeFuzzer

SEED = int(os.environ.get("MLSTUDIO_FUZZ_SEED", "20261207"))
#: Requests per AWS action and per MLflow route: bounded to keep the suite's time in hand.
PER_ACTION = int(os.environ.get("MLSTUDIO_FUZZ_PER_ACTION", "40"))
PER_ROUTE = int(os.environ.get("MLSTUDIO_FUZZ_PER_ROUTE", "25"))
AWS_TYPE = "application/x-amz-json-1.1"


def _aws_problem(response: requests.Response) -> str | None:
    if response.status_code >= 500:
        return f"{response.status_code}: {response.text[:300]}"
    if response.headers.get("Content-Type") != AWS_TYPE:
        return f"Content-Type {response.headers.get('Content-Type')}: {response.text[:200]}"
    try:
        body = response.json()
    except ValueError:
        return f"not JSON: {response.text[:200]}"
    if response.status_code >= 400 and not (
        isinstance(body, dict) and set(body) == {"__type", "message"} and body["__type"]
    ):
        return f"not AWS's error shape: {body}"
    return None


async def test_every_aws_action_answers_malformed_signed_requests_in_aws_shape(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp
):
    url = aws_url(jp_http_port, jp_base_url)
    token = jp_serverapp.identity_provider.token
    prefixes = {service: prefix for prefix, service in TARGET_PREFIXES.items()}
    fuzzer = ShapeFuzzer(SEED)
    actions = list(face_actions())
    assert len(actions) >= 19, "the registry should hold every action of the face"
    failures: list[str] = []
    statuses: dict[int, int] = {}
    sent = 0
    began = time.monotonic()
    for action in actions:
        model = service_model(action.service)
        shape = model.operation_model(action.name).input_shape
        target = f"{prefixes[action.service]}.{action.name}"
        for _ in range(PER_ACTION):
            body = fuzzer.broken(shape)
            response = await in_thread(
                signed_post, url, target, body, token, service=model.signing_name
            )
            sent += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            problem = _aws_problem(response)
            if problem:
                failures.append(f"{target} {body[:200]!r} -> {problem}")
    print(
        f"\nAWS face: {sent} signed requests, {len(actions)} actions, "
        f"{time.monotonic() - began:.1f} s (seed {SEED}), statuses {sorted(statuses.items())}"
    )
    assert statuses.get(200), "some requests should get through validation to a service"
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures[:20])


# -- MLflow -----------------------------------------------------------------------------------


def _mlflow_problem(response: Any) -> str | None:
    if response.code >= 500:
        return f"{response.code}: {response.body[:300]!r}"
    if response.headers.get("Content-Type") != "application/json":
        return f"Content-Type {response.headers.get('Content-Type')}: {response.body[:200]!r}"
    try:
        body = json.loads(response.body or b"{}")
    except ValueError:
        return f"not JSON: {response.body[:200]!r}"
    if response.code >= 400 and not (
        isinstance(body, dict) and set(body) == {"error_code", "message"} and body["error_code"]
    ):
        return f"not MLflow's error shape: {body}"
    return None


async def _known_ids(jp_fetch: Any) -> dict[str, list[Any]]:
    """Real entities for the fuzzer to aim at: an experiment, a run, a model and its version."""

    async def post(endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await jp_fetch(
            "mlstudio",
            "mlflow",
            "api",
            "2.0",
            "mlflow",
            *endpoint.split("/"),
            method="POST",
            body=json.dumps(body),
        )
        return json.loads(response.body)

    experiment = (await post("experiments/create", {"name": "fuzz"}))["experiment_id"]
    run = (await post("runs/create", {"experiment_id": experiment}))["run"]["info"]["run_id"]
    await post("registered-models/create", {"name": "fuzz-model"})
    await post("model-versions/create", {"name": "fuzz-model", "source": f"runs:/{run}/m"})
    model = (await post("logged-models", {"experiment_id": experiment, "name": "m"}))["model"]
    return {
        "experiment_id": [experiment, "0"],
        "experiment_ids": [[experiment], ["0", experiment]],
        "run_id": [run],
        "run_uuid": [run],
        "name": ["fuzz-model"],
        "version": ["1", 1],
        "model_id": [model["info"]["model_id"]],
        "tag_key": ["k"],
        "key": ["loss", "k"],
        "value": [0.5, "v"],
        "timestamp": [1_767_225_600_000],
    }


async def test_every_mlflow_route_answers_malformed_requests_in_mlflow_shape(jp_fetch):
    known = await _known_ids(jp_fetch)
    fuzzer = MlflowFuzzer(SEED, known)
    statuses: dict[int, int] = {}
    failures: list[str] = []
    sent = 0
    began = time.monotonic()
    routes = [route for route, _ in MLFLOW_ROUTES]
    assert len(routes) >= 40, "every MLflow route should be fuzzed"
    for route in routes:
        for _ in range(PER_ROUTE):
            path = route.path
            for name in ("model_id", "tag_key"):
                path = path.replace("{" + name + "}", quote(fuzzer.path_value(name), safe=""))
            kwargs: dict[str, Any] = {"method": route.method, "raise_error": False}
            if route.method in ("GET", "DELETE") and fuzzer.rng.random() < 0.5:
                kwargs["params"] = fuzzer.query()
            else:
                kwargs["body"] = fuzzer.body()
                kwargs["allow_nonstandard_methods"] = True
            response = await jp_fetch(
                "mlstudio", "mlflow", "api", "2.0", "mlflow", *path.split("/"), **kwargs
            )
            sent += 1
            statuses[response.code] = statuses.get(response.code, 0) + 1
            problem = _mlflow_problem(response)
            if problem:
                shown = kwargs.get("body", kwargs.get("params"))
                failures.append(f"{route.method} {path} {str(shown)[:200]} -> {problem}")
    for path in ("1/r/artifacts/" + "x" * 300, "..%2F..%2Fetc", "a\x00b", "%ff", "ok/" * 300):
        for method in ("GET", "PUT", "DELETE"):
            response = await jp_fetch(
                "mlstudio",
                "mlflow",
                "api",
                "2.0",
                "mlflow-artifacts",
                "artifacts",
                quote(path, safe="/%"),
                method=method,
                raise_error=False,
                **({"body": b"x"} if method == "PUT" else {}),
            )
            sent += 1
            problem = _mlflow_problem(response)
            if problem:
                failures.append(f"{method} artifacts/{path[:60]} -> {problem}")
    print(
        f"\nMLflow face: {sent} requests, {len(routes)} routes, "
        f"{time.monotonic() - began:.1f} s (seed {SEED}), statuses {sorted(statuses.items())}"
    )
    assert statuses.get(200), "some requests should get through validation to a service"
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures[:20])
