"""Helpers for processing-job tests: requests as boto3 sends them, data in the object store,
and waiting on a job with a deadline."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .training_helpers import FIXTURES

SCRIPTS = FIXTURES / "processing"
#: A small instance type, so several instances fit on any test machine.
TINY = {"name": "ml.test.tiny", "vcpus": 1, "memory_gib": 0.25}
ROOT = "/opt/ml/processing"


def with_tiny_instances(config: dict[str, Any]) -> dict[str, Any]:
    from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

    config["InstanceTypeCatalogue"] = {"instance_types": [*DEFAULT_INSTANCE_TYPES, TINY]}
    return config


def s3_input(name: str, uri: str, local: str, **extra: Any) -> dict[str, Any]:
    return {
        "InputName": name,
        "AppManaged": False,
        "S3Input": {
            "S3Uri": uri,
            "LocalPath": local,
            "S3DataType": extra.pop("S3DataType", "S3Prefix"),
            "S3InputMode": extra.pop("S3InputMode", "File"),
            "S3DataDistributionType": extra.pop("S3DataDistributionType", "FullyReplicated"),
            **extra,
        },
    }


def s3_output(name: str, uri: str, local: str, mode: str = "EndOfJob") -> dict[str, Any]:
    return {
        "OutputName": name,
        "AppManaged": False,
        "S3Output": {"S3Uri": uri, "LocalPath": local, "S3UploadMode": mode},
    }


def processing_request(
    name: str,
    code_uri: str,
    script: str,
    inputs: list[dict[str, Any]] | None = None,
    outputs: list[dict[str, Any]] | None = None,
    count: int = 1,
    image: str = "default",
    **extra: Any,
) -> dict[str, Any]:
    """CreateProcessingJob as the SageMaker SDK's ScriptProcessor sends it: the script as an
    input named ``code``, run by ``python3`` through ContainerEntrypoint."""
    request: dict[str, Any] = {
        "ProcessingJobName": name,
        "RoleArn": "arn:aws:iam::000000000000:role/MLStudioExecutionRole",
        "ProcessingResources": {
            "ClusterConfig": {
                "InstanceType": TINY["name"],
                "InstanceCount": count,
                "VolumeSizeInGB": 30,
            }
        },
        "AppSpecification": {
            "ImageUri": image,
            "ContainerEntrypoint": ["python3", f"{ROOT}/input/code/{script}"],
        },
        "ProcessingInputs": [
            *(inputs or []),
            s3_input("code", code_uri, f"{ROOT}/input/code"),
        ],
        **extra,
    }
    if outputs:
        request["ProcessingOutputConfig"] = {"Outputs": outputs}
    return request


def upload_script(objects: Any, root: str, script: str) -> str:
    uri = f"{root.rstrip('/')}/code/{script}"
    objects.put_bytes(uri, (SCRIPTS / script).read_bytes())
    return uri


def wait_until(condition: Any, timeout: float, what: str, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def wait_for_end(sagemaker: Any, name: str, timeout: float = 120) -> dict[str, Any]:
    ended = ("Completed", "Failed", "Stopped")

    def done() -> dict[str, Any] | None:
        described = sagemaker.describe_processing_job(ProcessingJobName=name)
        return described if described["ProcessingJobStatus"] in ended else None

    return wait_until(done, timeout, f"processing job {name} to end")


def read_tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
