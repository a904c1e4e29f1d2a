"""Endpoints from Python: deploy in one step, predict, update, delete.

``endpoint.predict(data)`` sends what SageMaker's serializers send: a numpy array, a pandas
DataFrame or a list as JSON (``application/json``), a ``str`` as CSV (``text/csv``), ``bytes``
as they are; and decodes the answer by its content type (JSON, CSV, NPY).
"""

from __future__ import annotations

import io
import json
import time
from typing import TYPE_CHECKING, Any

from ..core.errors import MLStudioError

if TYPE_CHECKING:
    from .client import Client

RESTING = ("InService", "Failed")


class EndpointFailed(MLStudioError):
    """A waited-for endpoint ended Failed."""


class Prediction(list[Any]):
    """A decoded answer (a list) that also says which variant gave it."""

    variant: str = ""
    content_type: str = ""


def encode(data: Any, content_type: str | None = None) -> tuple[bytes, str]:
    """(body, content type) of ``data`` as the SageMaker SDK's serializers would send it."""
    if isinstance(data, bytes):
        return data, content_type or "application/octet-stream"
    if isinstance(data, str):
        return data.encode(), content_type or "text/csv"
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        data = data.to_numpy()
        module = "numpy"
    if module == "numpy":
        if content_type == "application/x-npy":
            import numpy

            buffer = io.BytesIO()
            numpy.save(buffer, data)
            return buffer.getvalue(), content_type
        data = data.tolist()
    if content_type == "text/csv":
        rows = data if data and isinstance(data[0], list) else [data]
        return "\n".join(
            ",".join(str(value) for value in row) for row in rows
        ).encode(), content_type
    return json.dumps(data).encode(), content_type or "application/json"


def decode(body: bytes, content_type: str) -> Any:
    """The answer's body as Python values."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json":
        return json.loads(body)
    if kind == "application/x-npy":
        import numpy

        return numpy.load(io.BytesIO(body), allow_pickle=False).tolist()
    if kind == "text/csv":
        rows = [line.split(",") for line in body.decode().splitlines() if line.strip()]
        parsed = [[_number(value) for value in row] for row in rows]
        return [row[0] if len(row) == 1 else row for row in parsed]
    return body


def _number(text: str) -> Any:
    try:
        value = float(text)
    except ValueError:
        return text.strip()
    return int(value) if value.is_integer() and "." not in text else value


class Endpoint:
    """A handle on one endpoint of the server."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"Endpoint({self.name!r})"

    def describe(self) -> dict[str, Any]:
        """The endpoint as the UI sees it: status, variants, instances, recent errors."""
        return dict(self.client.request("GET", f"endpoints/{self.name}"))

    @property
    def status(self) -> str:
        return str(self.describe()["endpoint_status"])

    def wait(self, timeout: float = 600.0, poll: float = 0.5) -> dict[str, Any]:
        """Block until the endpoint is InService; EndpointFailed with the reason if it fails."""
        deadline = time.monotonic() + timeout
        while True:
            detail = self.describe()
            status = detail["endpoint_status"]
            if status == "InService":
                return detail
            if status == "Failed":
                raise EndpointFailed(f"{self.name} failed: {detail.get('failure_reason')}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} is still {status} after {timeout} s")
            time.sleep(poll)

    def invoke(
        self,
        body: bytes,
        content_type: str = "application/json",
        accept: str | None = None,
        target_variant: str | None = None,
        custom_attributes: str | None = None,
    ) -> tuple[bytes, str, str]:
        """One raw invocation: (body, content type, variant that answered)."""
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        if target_variant:
            headers["X-Amzn-SageMaker-Target-Variant"] = target_variant
        if custom_attributes:
            headers["X-Amzn-SageMaker-Custom-Attributes"] = custom_attributes
        response = self.client.raw(
            "POST", f"endpoints/{self.name}/invocations", data=body, headers=headers
        )
        return (
            response.content,
            response.headers.get("Content-Type", ""),
            response.headers.get("X-Amzn-Invoked-Production-Variant", ""),
        )

    def predict(
        self,
        data: Any,
        content_type: str | None = None,
        accept: str = "application/json",
        target_variant: str | None = None,
    ) -> Any:
        """Predictions for ``data`` (numpy, pandas, a list, CSV text or bytes), decoded."""
        body, kind = encode(data, content_type)
        answer, answered_type, variant = self.invoke(body, kind, accept, target_variant)
        decoded = decode(answer, answered_type)
        if isinstance(decoded, list):
            result = Prediction(decoded)
            result.variant, result.content_type = variant, answered_type
            return result
        return decoded

    def update(
        self,
        *,
        endpoint_config_name: str | None = None,
        weights: dict[str, float] | None = None,
        instance_counts: dict[str, int] | None = None,
        wait: bool = True,
    ) -> dict[str, Any]:
        """Roll out another config, or change variants' weights and instance counts."""
        body: dict[str, Any] = {}
        if endpoint_config_name:
            body["endpoint_config_name"] = endpoint_config_name
        variants = sorted(set(weights or {}) | set(instance_counts or {}))
        if variants:
            body["variants"] = [
                {
                    "variant_name": name,
                    "weight": (weights or {}).get(name),
                    "instance_count": (instance_counts or {}).get(name),
                }
                for name in variants
            ]
        detail = dict(self.client.request("PATCH", f"endpoints/{self.name}", json=body))
        return self.wait() if wait else detail

    def metrics(self, seconds: int = 60) -> dict[str, Any]:
        """Invocations, errors and latency (p50, p99) per second of each variant."""
        return dict(
            self.client.request(
                "GET", f"endpoints/{self.name}/metrics", params={"seconds": seconds}
            )
        )

    def delete(self, wait: bool = True, timeout: float = 120.0) -> None:
        """Stop the endpoint and forget it (its config and model stay)."""
        self.client.request("DELETE", f"endpoints/{self.name}")
        if not wait:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.describe()
            except MLStudioError as error:
                if getattr(error, "status", 0) == 404:
                    return
                raise
            time.sleep(0.25)
        raise TimeoutError(f"{self.name} is still being deleted after {timeout} s")


def parse_model_version(value: Any) -> tuple[str, str | None]:
    """(registered model, version or alias) from ``"name/3"``, ``"name@champion"``,
    ``"models:/name/3"``, ``("name", 3)`` or a bare name (its newest version)."""
    if isinstance(value, tuple | list):
        name, version = value
        return str(name), str(version)
    text = str(value)
    if text.startswith("models:/"):
        text = text[len("models:/") :]
    if "@" in text:
        name, _, alias = text.partition("@")
        return name, alias
    if "/" in text:
        name, _, version = text.partition("/")
        return name, version
    return text, None


def deploy(
    client: Client,
    *,
    training_job: str | None = None,
    model_version: Any = None,
    model: str | None = None,
    endpoint_name: str | None = None,
    instance_type: str | None = None,
    instance_count: int = 1,
    image: str | None = None,
    environment: dict[str, str] | None = None,
    wait: bool = True,
    timeout: float = 600.0,
) -> Endpoint:
    """A model, a config and an endpoint in one call; waits until it serves unless told not."""
    body: dict[str, Any] = {"initial_instance_count": instance_count}
    if training_job:
        body["training_job_name"] = training_job
    if model_version is not None:
        name, version = parse_model_version(model_version)
        body["registered_model_name"] = name
        if version is not None:
            body["registered_model_version"] = version
    if model:
        body["model_name"] = model
    for key, value in (
        ("endpoint_name", endpoint_name),
        ("instance_type", instance_type),
        ("image", image),
        ("environment", environment),
    ):
        if value:
            body[key] = value
    detail = client.request("POST", "endpoints", json=body)
    endpoint = Endpoint(client, detail["endpoint_name"])
    if wait:
        endpoint.wait(timeout)
    return endpoint
