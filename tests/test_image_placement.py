"""Where SageMaker's image URIs run: in this server's Python (the default), or on Docker in
the images this project builds (``sagemaker_image_backend = 'docker'``), refused with the
command that builds a missing one. The Docker engine is a stand-in that knows which images it
holds (below the unit under test); the Docker tests run the real thing."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from jupyterlab_mlstudio.core.errors import InvalidInput
from jupyterlab_mlstudio.runtime.models import BackendStatus
from jupyterlab_mlstudio.training.placement import ImagePlacement

XGBOOST = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
SKLEARN = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
PYTORCH = "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1-cpu-py310"
TENSORFLOW = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.13-cpu-py310"
KNN = "174872318107.dkr.ecr.us-west-2.amazonaws.com/knn:1"


class Engine:
    """A Docker backend as ImagePlacement sees it: up, holding ``images``."""

    name = "docker"

    def __init__(self, *images: str) -> None:
        self.images = set(images)

    def probe(self) -> BackendStatus:
        return BackendStatus(name="docker", available=True)

    def has_image(self, image: str) -> bool:
        return image in self.images


def placement(backend: str, engine: Any = None) -> ImagePlacement:
    return ImagePlacement(
        backends={"docker": engine} if engine is not None else {},
        default_interpreter=sys.executable,
        sagemaker_backend=backend,
    )


def test_by_default_sagemaker_images_run_in_this_servers_python() -> None:
    # Given the default placement, with the local images built
    where = placement("process", Engine("mlstudio/algorithms:latest"))

    # Then algorithms (by URI and short name) and frameworks run on the process backend
    for image in (XGBOOST, "kmeans", "linear-learner:1", SKLEARN, PYTORCH):
        assert where.resolve(image) == ("process", sys.executable), image


def test_on_docker_algorithms_and_frameworks_map_to_the_local_images() -> None:
    # Given SageMaker's images placed on Docker, with both local images built
    where = placement("docker", Engine("mlstudio/algorithms:latest", "mlstudio/pytorch:latest"))

    # Then the built-in algorithms, scikit-learn and XGBoost run in the algorithms image and
    # PyTorch in its own
    for image in (XGBOOST, "xgboost", "kmeans", "pca:1", "linear-learner", SKLEARN):
        assert where.resolve(image) == ("docker", "mlstudio/algorithms:latest"), image
    assert where.resolve(PYTORCH) == ("docker", "mlstudio/pytorch:latest")
    # And the default image and ordinary Docker references are unchanged
    assert where.resolve("default") == ("process", sys.executable)


def test_a_local_image_not_built_yet_is_refused_with_the_command_that_builds_it() -> None:
    # Given SageMaker's images placed on Docker, with only the algorithms image built
    where = placement("docker", Engine("mlstudio/algorithms:latest"))

    # When a PyTorch URI is resolved, Then the error names the image and its build command
    with pytest.raises(InvalidInput) as raised:
        where.resolve(PYTORCH, field="AppSpecification.ImageUri")
    assert raised.value.field == "AppSpecification.ImageUri"
    assert "mlstudio/pytorch:latest" in raised.value.message
    assert "bash scripts/build_images.sh pytorch" in raised.value.message


def test_on_docker_what_no_local_image_runs_is_refused_saying_what_does() -> None:
    where = placement("docker", Engine("mlstudio/algorithms:latest"))

    # A framework without a local image: register one by MLFramework, or use the process backend
    with pytest.raises(InvalidInput) as raised:
        where.resolve(TENSORFLOW)
    assert "has no local Docker image" in raised.value.message
    assert "'tensorflow 2.13'" in raised.value.message

    # A built-in algorithm this project does not implement, as on the process backend
    with pytest.raises(InvalidInput) as raised:
        where.resolve(KNN)
    assert "does not implement" in raised.value.message


def test_on_docker_without_an_engine_the_reason_is_given() -> None:
    where = placement("docker")
    with pytest.raises(InvalidInput) as raised:
        where.resolve("kmeans")
    assert "needs the Docker backend, which is disabled here" in raised.value.message


def on_cluster(*patterns: str) -> ImagePlacement:
    """A placement with a Ray cluster (the backend is only looked up by name here)."""
    return ImagePlacement(
        backends={"ray": object()},  # type: ignore[dict-item]
        default_interpreter=sys.executable,
        cluster_instance_types=patterns,
    )


def test_with_a_cluster_instance_types_choose_where_a_job_runs_and_a_tag_overrides() -> None:
    where = on_cluster("ml.*")
    field = "AlgorithmSpecification.TrainingImage"

    # The default image and SageMaker's framework images run in the cluster's Python
    for image in ("default", SKLEARN, PYTORCH):
        assert where.resolve_for(image, None, field, "ml.m5.large", None) == ("ray", "python")
    # 'local' is not an ml.* type: it runs here; so does a job tagged to run here
    assert where.resolve_for("default", None, field, "local", None) == ("process", sys.executable)
    assert where.resolve_for("default", None, field, "ml.m5.large", "here")[0] == "process"
    # and a job may ask for the cluster whatever its type
    assert where.resolve_for("default", None, field, "local", "cluster")[0] == "ray"


def test_what_cannot_run_on_the_cluster_is_refused_saying_what_to_do() -> None:
    where = on_cluster("ml.*")
    field = "AlgorithmSpecification.TrainingImage"
    for image, words in (
        ("my-team/trainer:1", "a container image"),
        (KNN, "built-in algorithms"),
        (XGBOOST, "built-in algorithms"),  # without a script: XGBoost's own algorithm
    ):
        with pytest.raises(InvalidInput) as refused:
            where.resolve_for(image, None, field, "ml.m5.large", None, scripted=False)
        assert words in refused.value.message and "mlstudio:runs-on = here" in refused.value.message
        assert refused.value.field == field
    with pytest.raises(InvalidInput, match="one of cluster, here"):
        where.on_cluster("ml.m5.large", "elsewhere")
    # Without a cluster, asking for one is refused too
    with pytest.raises(InvalidInput, match="ray_address"):
        placement("process").on_cluster("ml.m5.large", "cluster")
