"""An endpoint on the Docker backend: the serving image's own ``serve`` in a real container
(the test command starts a Docker engine and builds mlstudio/sklearn-serve:latest locally),
invoked through boto3, then deleted with its container."""

from __future__ import annotations

import os

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import (
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    invoke,
    model_artifact,
    stop_endpoint_units,
    variant,
    wait_in_service,
)

IMAGE = "mlstudio/sklearn-serve:latest"


@pytest.fixture(scope="module")
def engine():
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    import docker

    client = docker.from_env()
    assert client.images.list(name=IMAGE), f"{IMAGE} is missing: scripts/build_images.sh builds it"
    return client


@pytest.fixture
def mlstudio_config(engine):
    return {"stop_grace_seconds": 2.0}


@pytest.fixture
def aws(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)
    stop_endpoint_units(services)


async def test_a_docker_endpoint_serves_a_real_model_and_its_container_goes_with_it(
    aws, engine, jp_root_dir
):
    sagemaker, runtime, _ = aws
    data, model = model_artifact(code=None)
    (jp_root_dir / "model.tar.gz").write_bytes(data)
    features, _ = breast_cancer()

    # Given a model whose image is the scikit-learn serving image
    await in_thread(
        create_model, sagemaker, "lr-docker", f"file://{jp_root_dir}/model.tar.gz", IMAGE
    )
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName="in-docker",
        ProductionVariants=[variant("AllTraffic", "lr-docker")],
    )

    # When it is deployed
    await in_thread(
        sagemaker.create_endpoint, EndpointName="in-docker", EndpointConfigName="in-docker"
    )
    described = await in_thread(wait_in_service, sagemaker, "in-docker", 240)

    # Then it runs in a container and answers with the model's own predictions
    assert described["EndpointStatus"] == "InService"
    containers = engine.containers.list(filters={"label": "mlstudio.job=in-docker"})
    assert len(containers) == 1 and containers[0].image.tags == [IMAGE]
    answer, served_by = await in_thread(invoke, runtime, "in-docker", csv_rows(features[:4]))
    assert served_by == "AllTraffic"
    assert answer == model.predict(features[:4]).tolist()

    # And inference errors come back as ModelError while the endpoint keeps serving
    with pytest.raises(ClientError) as raised:
        await in_thread(
            runtime.invoke_endpoint,
            EndpointName="in-docker",
            Body=b"not,numbers",
            ContentType="text/csv",
        )
    assert raised.value.response["Error"]["Code"] == "ModelError"
    assert (await in_thread(invoke, runtime, "in-docker", csv_rows(features[:1])))[
        1
    ] == "AllTraffic"

    # And deleting it removes its container
    await in_thread(sagemaker.delete_endpoint, EndpointName="in-docker")
    await in_thread(
        sagemaker.get_waiter("endpoint_deleted").wait,
        EndpointName="in-docker",
        WaiterConfig={"Delay": 1, "MaxAttempts": 120},
    )
    assert engine.containers.list(all=True, filters={"label": "mlstudio.job=in-docker"}) == []
