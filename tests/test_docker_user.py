"""Docker units for whichever user runs the server: what a container writes to a bind mount
belongs to that user, not to root (CI runs this file as root and as an unprivileged member of
the ``docker`` group)."""

from __future__ import annotations

import os
import uuid

import pytest

from jupyterlab_mlstudio.runtime.base import ContainerSpec, Mount, UnitState
from jupyterlab_mlstudio.runtime.docker_engine import DockerBackend

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BASE = "mlstudio/python-base:bookworm"


@pytest.fixture(scope="module")
def engine():
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    backend = DockerBackend()
    assert backend.has_image(BASE), f"{BASE} is missing: scripts/build_images.sh builds it"
    return backend


def test_files_a_container_writes_to_a_bind_mount_belong_to_the_servers_user(engine, tmp_path):
    # Given a folder of this user bind-mounted into a container that writes into it
    name = f"mlstudio-test-owner-{uuid.uuid4().hex[:8]}"
    spec = ContainerSpec(
        name=name,
        image=BASE,
        command=[
            "python3",
            "-c",
            "import os; os.makedirs('/out/sub'); open('/out/sub/f.txt', 'w').write(str(os.getuid()))",
        ],
        mounts=[Mount(str(tmp_path), "/out")],
    )
    # When it runs
    engine.start(spec)
    try:
        status = engine.wait(name, 60)
        assert status.state == UnitState.EXITED and status.exit_code == 0, (
            status,
            engine.read_logs(name).lines,
        )
    finally:
        engine.remove(name)
    # Then the folder and file it made are this user's (the server can clean them up)
    assert (tmp_path / "sub").stat().st_uid == os.getuid()
    assert (tmp_path / "sub/f.txt").stat().st_uid == os.getuid()
    assert (tmp_path / "sub/f.txt").stat().st_gid == os.getgid()


def test_the_container_user_follows_the_images_settings_as_root_and_the_user_otherwise(engine):
    # Given the image's file-system settings of a SageMaker app image (uid 1000, gid 100)
    chosen = engine.user_for(1000, 100)
    # Then root runs it as the image says; anyone else as themselves (or as root inside a
    # rootless engine, which is the engine's owner outside)
    if os.geteuid() == 0:
        assert chosen == (1000, 100)
        assert engine.user_for() is None  # no settings: the image's own USER
    elif engine.rootless():
        assert chosen == (0, 0)
    else:
        assert chosen == (os.getuid(), os.getgid())


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials, engine):
    return {"s3_endpoint_url": s3_endpoint, "keep_job_folders": True}


async def test_a_docker_training_jobs_files_belong_to_the_servers_user(
    engine, s3_endpoint, jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services
):
    # Given a script-mode job in a Docker image that writes its model
    make_bucket(s3_endpoint, "dockeruser")
    code = upload_code(
        s3_endpoint,
        "dockeruser",
        "code/owner/sourcedir.tar.gz",
        {"train.py": "open('/opt/ml/model/m.txt', 'w').write('trained')\n"},
    )
    sagemaker = sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )
    request = job_request(
        "owner", code_uri=code, output="s3://dockeruser/out", image="mlstudio/sklearn:latest"
    )
    # When it runs to the end (its folder kept)
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "owner", 180)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    # Then the model file in the job folder is this user's
    model = services.training_jobs.deps.jobs_root / "owner" / "algo-1" / "model" / "m.txt"
    assert model.read_text() == "trained"
    assert model.stat().st_uid == os.getuid()
