"""Endpoints on the REST face (what the UI, the magics and the Python client use): deploy a
model in one step, view it, invoke it with the server's token, change its weight and
autoscaling, delete it; a missing endpoint is 404. A profile whose spaces do not hold the
endpoint cannot invoke it, and invocations are not changes the audit log keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .aws_helpers import aws_url, in_thread
from .domain_helpers import client, error_of
from .endpoint_helpers import (
    INSTANCE_TYPE,
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    model_artifact,
    stop_endpoint_units,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)[0]
    stop_endpoint_units(services)


async def test_deploy_view_invoke_scale_and_delete_through_rest(
    sagemaker, api, jp_fetch, jp_root_dir: Path, jp_http_port, jp_base_url, jp_serverapp
):
    token = jp_serverapp.identity_provider.token
    data, model = model_artifact()
    (jp_root_dir / "model.tar.gz").write_bytes(data)
    await in_thread(create_model, sagemaker, "lr", f"file://{jp_root_dir}/model.tar.gz")

    # When a model is deployed in one step
    code, view = await api(
        "POST",
        "endpoints",
        {"model_name": "lr", "endpoint_name": "rest", "instance_type": INSTANCE_TYPE},
    )
    assert code == 201, view
    assert view["endpoint_name"] == "rest"

    async def status() -> str:
        return (await api("GET", "endpoints/rest"))[1]["endpoint_status"]

    async def serving() -> bool:
        return await status() == "InService"

    await wait_until(serving, 120)

    # Then it is listed, and answers with the model's own prediction through the token
    code, listed = await api("GET", "endpoints")
    assert [item["endpoint_name"] for item in listed["endpoints"]] == ["rest"]
    features, _ = breast_cancer()
    response = await jp_fetch(
        "mlstudio",
        "api",
        "v1",
        "endpoints",
        "rest",
        "invocations",
        method="POST",
        body=csv_rows(features[:2]),
        headers={"Content-Type": "text/csv", "Accept": "application/json"},
    )
    assert response.headers["X-Amzn-Invoked-Production-Variant"] == "AllTraffic"
    # (a token client is not sent a signed login cookie on every invocation)
    assert "Set-Cookie" not in response.headers
    answer = json.loads(response.body)
    assert answer["probabilities"] == pytest.approx(
        model.predict_proba(features[:2])[:, 1], abs=1e-6
    )

    # And a profile of the domain whose spaces do not hold it finds no such endpoint: Ola, with
    # a private space only (the server's user deployed it in the server's space)
    await in_thread(sagemaker.create_user_profile, DomainId="d-default", UserProfileName="ola")
    iam = client("iam", jp_http_port, jp_base_url, "tester", token)
    key = (await in_thread(iam.create_access_key, UserName="ola"))["AccessKey"]
    olas = client(
        "sagemaker-runtime", jp_http_port, jp_base_url, key["AccessKeyId"], key["SecretAccessKey"]
    )
    code, message = await error_of(
        olas.invoke_endpoint,
        EndpointName="rest",
        Body=csv_rows(features[:1]),
        ContentType="text/csv",
    )
    assert code == "ValidationError" and "rest" in message and "not found" in message, message
    missing = await error_of(
        olas.invoke_endpoint, EndpointName="never-was", Body=b"1", ContentType="text/csv"
    )
    assert message == missing[1].replace("never-was", "rest")

    # And the audit log records changes, not invocations (the profile and its key only)
    code, audit = await api("GET", "audit-events", max_items=100)
    assert code == 200, audit
    assert not [e for e in audit["events"] if "invocations" in e["operation"]], audit

    # And its weight and autoscaling policy can be changed
    code, changed = await api(
        "PATCH", "endpoints/rest", {"variants": [{"variant_name": "AllTraffic", "weight": 2}]}
    )
    assert code == 200, changed
    await wait_until(serving, 60)
    code, scaling = await api(
        "PUT",
        "endpoints/rest/variants/AllTraffic/autoscaling",
        {"min_capacity": 1, "max_capacity": 2, "target_invocations_per_instance": 100},
    )
    assert code == 200 and scaling["policy"]["max_capacity"] == 2, scaling

    # And deleting it removes it; then it is 404
    code, _ = await api("DELETE", "endpoints/rest")
    assert code == 204

    async def gone() -> bool:
        return (await api("GET", "endpoints/rest"))[0] == 404

    await wait_until(gone, 60)
    code, missing = await api("GET", "endpoints/rest/variants/AllTraffic/autoscaling")
    assert code == 404, missing


async def wait_until(condition, timeout: float) -> None:
    """Await ``condition()`` until it is true, within ``timeout`` seconds."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s"
        await asyncio.sleep(0.2)
