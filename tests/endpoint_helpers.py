"""Helpers for endpoint tests: a real model (logistic regression on breast cancer) in a
model.tar.gz, clients of both SageMaker services, and waits on conditions."""

from __future__ import annotations

import io
import json
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

FIXTURES = Path(__file__).parent / "fixtures"
#: Fast instance-type for tests: small enough that several instances fit any host.
INSTANCE_TYPE = "ml.t3.medium"


def breast_cancer() -> tuple[Any, Any]:
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    return data.data, data.target


def trained_model() -> Any:
    """The model the tests serve: the same every time (the solver is deterministic)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    features, labels = breast_cancer()
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(features, labels)


def model_artifact(code: str | None = "endpoint_lr") -> tuple[bytes, Any]:
    """A model.tar.gz with ``model.joblib`` at its root and fixture ``code`` under code/ (as
    the SageMaker SDK repacks a model with its entry point); and the model itself."""
    import joblib

    model = trained_model()
    members: dict[str, bytes] = {}
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    members["model.joblib"] = buffer.getvalue()
    if code:
        for path in (FIXTURES / code).iterdir():
            if path.is_file():
                members[f"code/{path.name}"] = path.read_bytes()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive.getvalue(), model


def csv_rows(rows: Any) -> bytes:
    return "\n".join(",".join(f"{value:.10g}" for value in row) for row in rows).encode()


def clients(url: str, secret: str) -> tuple[Any, Any, Any]:
    """sagemaker, sagemaker-runtime and application-autoscaling clients of the AWS face."""
    config = Config(retries={"max_attempts": 1}, read_timeout=120)
    made = [
        boto3.client(
            service,
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id="tester",
            aws_secret_access_key=secret,
            config=config,
        )
        for service in ("sagemaker", "sagemaker-runtime", "application-autoscaling")
    ]
    return made[0], made[1], made[2]


def invoke(runtime: Any, endpoint: str, body: bytes, **extra: Any) -> tuple[dict[str, Any], str]:
    """(decoded JSON answer, variant that answered)."""
    response = runtime.invoke_endpoint(
        EndpointName=endpoint, Body=body, ContentType="text/csv", Accept="application/json", **extra
    )
    return json.loads(response["Body"].read()), response["InvokedProductionVariant"]


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.1) -> Any:
    """``condition()``'s first truthy value within ``timeout`` seconds, else AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def wait_endpoints_gone(sagemaker: Any, timeout: float = 30) -> None:
    """Every endpoint deleted and gone: deletion runs on after DeleteEndpoint returns (as on
    SageMaker), so a check right after the SDK's delete_endpoint() waits for it."""
    wait_for(lambda: sagemaker.list_endpoints()["Endpoints"] == [], timeout, "no endpoint left")


def wait_in_service(sagemaker: Any, name: str, timeout: float = 180) -> dict[str, Any]:
    """boto3's own waiter, polled every second."""
    sagemaker.get_waiter("endpoint_in_service").wait(
        EndpointName=name, WaiterConfig={"Delay": 1, "MaxAttempts": int(timeout)}
    )
    return sagemaker.describe_endpoint(EndpointName=name)


def variant(name: str, model: str, weight: float = 1.0, count: int = 1) -> dict[str, Any]:
    return {
        "VariantName": name,
        "ModelName": model,
        "InitialInstanceCount": count,
        "InstanceType": INSTANCE_TYPE,
        "InitialVariantWeight": weight,
    }


def create_model(sagemaker: Any, name: str, uri: str, image: str = "default", **env: str) -> None:
    sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn="arn:aws:iam::000000000000:role/mlstudio",
        PrimaryContainer={"Image": image, "ModelDataUrl": uri, "Environment": env},
    )


def stop_endpoint_units(services: Any) -> None:
    """Stop every endpoint unit a test left running (units outlive their server by design)."""
    for backend in services.backends.values():
        try:
            units = backend.list({"mlstudio.kind": "endpoint"})
        except Exception:
            continue
        for unit in units:
            try:
                if hasattr(backend, "kill"):
                    backend.kill(unit)
                else:
                    backend.stop(unit, 0)
                backend.wait(unit, 10)
                backend.remove(unit)
            except Exception:
                pass


class Load:
    """Invocations from ``threads`` threads until stopped: what succeeded, what failed."""

    def __init__(self, call: Callable[[], Any], threads: int = 4) -> None:
        import threading

        self.call = call
        self.ok = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.call()
            except Exception as error:
                with self._lock:
                    self.failures.append(repr(error)[:300])
            else:
                with self._lock:
                    self.ok += 1

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)
