"""Endpoints changing while they serve (process backend, boto3): a rolling update under load
with no failed request, a config that fails its health check rolled back, an instance killed
and replaced, and autoscaling out under load and back in when idle."""

from __future__ import annotations

from pathlib import Path

import pytest

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import (
    Load,
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    invoke,
    model_artifact,
    stop_endpoint_units,
    variant,
    wait_for,
    wait_in_service,
)


@pytest.fixture
def mlstudio_config():
    return {
        "docker_enabled": False,
        "endpoint_scaling_interval": 0.25,
        "endpoint_scaling_window": 2.0,
    }


@pytest.fixture
def aws(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)
    stop_endpoint_units(services)


@pytest.fixture
def uri(jp_root_dir: Path) -> str:
    data, _ = model_artifact()
    path = jp_root_dir / "model.tar.gz"
    path.write_bytes(data)
    return f"file://{path}"


ROW = csv_rows(breast_cancer()[0][:1])


async def _serving(sagemaker, name: str, models: list[str], count: int = 1) -> None:
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName=name,
        ProductionVariants=[variant("AllTraffic", models[0], count=count)],
    )
    await in_thread(sagemaker.create_endpoint, EndpointName=name, EndpointConfigName=name)
    await in_thread(wait_in_service, sagemaker, name)


async def test_a_rolling_update_under_load_fails_no_request_and_a_broken_config_rolls_back(
    aws, uri, jp_root_dir
):
    sagemaker, runtime, _ = aws
    await in_thread(create_model, sagemaker, "old", uri, MODEL_TAG="old")
    await in_thread(create_model, sagemaker, "new", uri, MODEL_TAG="new")
    await in_thread(create_model, sagemaker, "broken", f"file://{jp_root_dir}/missing.tar.gz")
    await _serving(sagemaker, "rolling", ["old"], count=2)
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName="rolling-new",
        ProductionVariants=[variant("AllTraffic", "new", count=2)],
    )
    tags: list[str] = []

    def call() -> None:
        tags.append(invoke(runtime, "rolling", ROW)[0]["tag"])

    # When the new config is rolled out while four clients keep invoking
    with Load(call, threads=4) as load:
        await in_thread(wait_for, lambda: load.ok > 20, 30, "traffic before the update")
        await in_thread(
            sagemaker.update_endpoint, EndpointName="rolling", EndpointConfigName="rolling-new"
        )
        updating = await in_thread(sagemaker.describe_endpoint, EndpointName="rolling")
        assert updating["EndpointStatus"] == "Updating"
        assert updating["PendingDeploymentSummary"]["EndpointConfigName"] == "rolling-new"
        await in_thread(wait_in_service, sagemaker, "rolling")
        before = load.ok
        await in_thread(wait_for, lambda: load.ok > before + 20, 30, "traffic after the update")
    # Then no request failed, and traffic moved from the old model to the new one for good
    assert load.failures == [], load.failures[:3]
    switched = tags.index("new")
    assert set(tags[:switched]) == {"old"} and tags[-20:] == ["new"] * 20
    described = await in_thread(sagemaker.describe_endpoint, EndpointName="rolling")
    assert described["EndpointConfigName"] == "rolling-new"
    assert described["ProductionVariants"][0]["CurrentInstanceCount"] == 2

    # A config whose model cannot start rolls back: InService on what served, with the reason
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName="rolling-broken",
        ProductionVariants=[variant("AllTraffic", "broken")],
    )
    with Load(call, threads=2) as load:
        await in_thread(
            sagemaker.update_endpoint, EndpointName="rolling", EndpointConfigName="rolling-broken"
        )
        await in_thread(wait_in_service, sagemaker, "rolling")
    assert load.failures == []
    described = await in_thread(sagemaker.describe_endpoint, EndpointName="rolling")
    assert described["EndpointConfigName"] == "rolling-new"
    assert "Update failed" in described["FailureReason"]
    assert "does not exist" in described["FailureReason"]
    assert (await in_thread(invoke, runtime, "rolling", ROW))[0]["tag"] == "new"


async def test_a_killed_instance_leaves_rotation_and_is_replaced_while_the_other_serves(
    aws, uri, services
):
    sagemaker, runtime, _ = aws
    await in_thread(create_model, sagemaker, "pair", uri)
    await _serving(sagemaker, "pair", ["pair"], count=2)
    live = services.endpoints.live(services.server_context(), "pair")
    victim = live.variants["AllTraffic"].replicas[0]
    backend = services.backends["process"]

    with Load(lambda: invoke(runtime, "pair", ROW), threads=2) as load:
        await in_thread(wait_for, lambda: load.ok > 20, 30, "traffic")
        # When one instance's unit is killed outright
        await in_thread(backend.kill, victim.unit)
        # Then it is taken out of rotation, restarted, and serves again
        await in_thread(
            wait_for,
            lambda: victim.restarts >= 1 and victim.state.value == "InService",
            30,
            "the instance's restart",
        )
        before = load.ok
        await in_thread(wait_for, lambda: load.ok > before + 20, 30, "traffic after the restart")
    assert load.failures == [], load.failures[:3]
    kinds = [entry.kind for entry in live.errors]
    assert "InstanceFailed" in kinds and "InstanceRestarted" in kinds


async def test_autoscaling_adds_instances_under_load_and_removes_them_when_idle(aws, uri):
    sagemaker, runtime, autoscaling = aws
    await in_thread(create_model, sagemaker, "scaled", uri)
    await _serving(sagemaker, "scaled", ["scaled"])
    resource = "endpoint/scaled/variant/AllTraffic"
    await in_thread(
        autoscaling.register_scalable_target,
        ServiceNamespace="sagemaker",
        ResourceId=resource,
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=1,
        MaxCapacity=2,
    )
    await in_thread(
        autoscaling.put_scaling_policy,
        PolicyName="invocations",
        ServiceNamespace="sagemaker",
        ResourceId=resource,
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 120.0,  # two invocations per second per instance
            "PredefinedMetricSpecification": {
                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"
            },
            "ScaleOutCooldown": 1,
            "ScaleInCooldown": 1,
        },
    )
    policies = await in_thread(autoscaling.describe_scaling_policies, ServiceNamespace="sagemaker")
    assert policies["ScalingPolicies"][0]["PolicyName"] == "invocations"

    def instances() -> int:
        described = sagemaker.describe_endpoint(EndpointName="scaled")
        return described["ProductionVariants"][0]["CurrentInstanceCount"]

    # Under load (far above two per second) the variant grows to its maximum
    with Load(lambda: invoke(runtime, "scaled", ROW), threads=2) as load:
        await in_thread(wait_for, lambda: instances() == 2, 60, "scale-out", 0.25)
    assert load.failures == []
    # Idle, it shrinks back to its minimum
    await in_thread(wait_for, lambda: instances() == 1, 60, "scale-in", 0.25)
    activities = await in_thread(
        autoscaling.describe_scaling_activities, ServiceNamespace="sagemaker", ResourceId=resource
    )
    described = [item["Description"] for item in activities["ScalingActivities"]]
    assert "Setting desired instance count to 2." in described
    assert "Setting desired instance count to 1." in described
