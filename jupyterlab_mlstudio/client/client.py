"""A small typed client for the REST face, used by the magics and by code in jobs."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import requests

from ..compute.models import InstanceType, InstanceTypeList
from ..core.errors import (
    BackendUnavailable,
    Conflict,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    LimitExceeded,
    MLStudioError,
    NotFound,
)
from ..core.identity import local_user
from ..status.models import Status
from .aws import boto_session, face_endpoints, sagemaker_session
from .discovery import ServerInfo, find_server
from .endpoints import Endpoint, deploy
from .processing import ProcessingJob, create_processing_job
from .training import TrainingJob, create_training_job
from .transform import TransformJob, batch_transform
from .tuning import TuningJob, create_tuning_job

_ERRORS: dict[str, type[MLStudioError]] = {
    cls.code: cls
    for cls in (
        InvalidInput,
        NotFound,
        Conflict,
        IllegalTransition,
        LimitExceeded,
        Forbidden,
        BackendUnavailable,
    )
}


class Client:
    """The ML Studio server as Python calls; errors arrive as the server's own error classes.

    ``Client()`` inside a kernel or job the server started needs no arguments; elsewhere pass
    ``url`` (the Jupyter server's URL, base URL included) and ``token``.
    """

    def __init__(
        self, url: str | None = None, token: str | None = None, timeout: float = 30.0
    ) -> None:
        self.server: ServerInfo = find_server(url, token)
        self.timeout = timeout
        self._session = requests.Session()
        if self.server.token:
            self._session.headers["Authorization"] = f"token {self.server.token}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
    ) -> Any:
        """Call ``/mlstudio/api/v1/<path>``; return the decoded JSON body (``None`` for 204)."""
        url = f"{self.server.api_url}/{path.lstrip('/')}"
        try:
            response = self._session.request(
                method, url, params=params, json=json, data=data, timeout=self.timeout
            )
        except requests.ConnectionError as error:
            raise BackendUnavailable(
                f"The ML Studio server at {self.server.url} does not answer"
            ) from error
        if response.status_code == 204:
            return None
        try:
            body = response.json()
        except ValueError:
            body = {"message": response.text[:500]}
        if response.status_code >= 400:
            raise _error_from(response.status_code, body)
        return body

    def raw(
        self, method: str, path: str, *, data: Any = None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        """Call ``/mlstudio/api/v1/<path>`` with a raw body; the response as it is (errors
        raise as in :meth:`request`)."""
        url = f"{self.server.api_url}/{path.lstrip('/')}"
        try:
            response = self._session.request(
                method, url, data=data, headers=headers, timeout=self.timeout
            )
        except requests.ConnectionError as error:
            raise BackendUnavailable(
                f"The ML Studio server at {self.server.url} does not answer"
            ) from error
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {"message": response.text[:500]}
            raise _error_from(response.status_code, body)
        return response

    def status(self) -> Status:
        """Version, store, object store, runtime backends and host resources."""
        return Status.model_validate(self.request("GET", "status"))

    def instance_types(self, available: bool | None = None) -> list[InstanceType]:
        """The instance-type catalogue, each with its availability on the server's host."""
        params = None if available is None else {"available": str(available).lower()}
        return InstanceTypeList.model_validate(
            self.request("GET", "instance-types", params=params)
        ).instance_types

    def upload(self, data: bytes | str | os.PathLike[str], name: str | None = None) -> str:
        """Store bytes or a local file in the server's object store; return its URI."""
        if isinstance(data, bytes):
            body: Any = data
            name = name or "upload.bin"
        else:
            path = Path(data)
            name = name or path.name
            body = path.open("rb")
        try:
            return str(self.request("POST", "uploads", params={"name": name}, data=body)["uri"])
        finally:
            if not isinstance(body, bytes):
                body.close()

    def create_training_job(
        self, entry_point: str | os.PathLike[str], **kwargs: Any
    ) -> TrainingJob:
        """Run ``entry_point`` (with ``source_dir``, if given) as a training job; see
        :func:`jupyterlab_mlstudio.client.training.create_training_job` for the options."""
        return create_training_job(self, entry_point, **kwargs)

    def create_tuning_job(self, entry_point: str | os.PathLike[str], **kwargs: Any) -> TuningJob:
        """Tune ``entry_point``'s hyperparameters; see
        :func:`jupyterlab_mlstudio.client.tuning.create_tuning_job` for the options."""
        return create_tuning_job(self, entry_point, **kwargs)

    def create_processing_job(self, script: str | os.PathLike[str], **kwargs: Any) -> ProcessingJob:
        """Run ``script`` as a processing job; see
        :func:`jupyterlab_mlstudio.client.processing.create_processing_job` for the options."""
        return create_processing_job(self, script, **kwargs)

    def processing_job(self, name: str) -> ProcessingJob:
        return ProcessingJob(self, name)

    def processing_jobs(
        self, status: str | None = None, max_items: int = 100
    ) -> list[dict[str, Any]]:
        """Recent processing jobs, newest first."""
        params: dict[str, Any] = {"max_items": max_items}
        if status:
            params["status"] = status
        return list(self.request("GET", "processing-jobs", params=params)["processing_jobs"])

    def tuning_job(self, name: str) -> TuningJob:
        return TuningJob(self, name)

    def training_job(self, name: str) -> TrainingJob:
        return TrainingJob(self, name)

    def training_jobs(
        self, status: str | None = None, max_items: int = 100
    ) -> list[dict[str, Any]]:
        """Recent training jobs, newest first."""
        params: dict[str, Any] = {"max_items": max_items}
        if status:
            params["status"] = status
        return list(self.request("GET", "training-jobs", params=params)["training_jobs"])

    def deploy(self, **kwargs: Any) -> Endpoint:
        """Deploy in one step: ``training_job=``, ``model_version=`` (``"name/3"``,
        ``"name@alias"``, ``("name", 3)``) or ``model=``, with ``instance_type``,
        ``instance_count``, ``endpoint_name``; see ``client.endpoints.deploy``."""
        return deploy(self, **kwargs)

    def endpoint(self, name: str) -> Endpoint:
        return Endpoint(self, name)

    def batch_transform(self, **kwargs: Any) -> TransformJob:
        """A transform job of ``model=`` over ``input=`` (prefix, manifest or local path) into
        ``output=``, waited for with a progress display; see ``client.transform``."""
        return batch_transform(self, **kwargs)

    def transform_job(self, name: str) -> TransformJob:
        return TransformJob(self, name)

    def endpoints(self) -> list[dict[str, Any]]:
        """Every endpoint of the domain, newest first."""
        return list(self.request("GET", "endpoints")["endpoints"])

    def experiments(self) -> list[dict[str, Any]]:
        """Experiments with their run counts."""
        return list(self.request("GET", "experiments", params={"max_items": 1000})["experiments"])

    def experiment_id(self, name_or_id: str) -> str:
        """The id of the experiment named (or numbered) ``name_or_id``."""
        for item in self.experiments():
            if name_or_id in (item["name"], item["experiment_id"]):
                return str(item["experiment_id"])
        raise NotFound(f"No experiment named {name_or_id!r}")

    def runs(
        self,
        experiment: str | None = None,
        filter: str | None = None,
        order_by: list[str] | None = None,
        max_items: int = 100,
    ) -> list[dict[str, Any]]:
        """Runs of an experiment (all experiments when None), by MLflow's search syntax."""
        ids = (
            [self.experiment_id(experiment)]
            if experiment
            else [item["experiment_id"] for item in self.experiments()]
        )
        params: dict[str, Any] = {"experiment_id": ids, "max_items": max_items}
        if filter:
            params["filter"] = filter
        if order_by:
            params["order_by"] = order_by
        return list(self.request("GET", "runs", params=params)["runs"])

    def run(self, run_id: str) -> dict[str, Any]:
        return dict(self.request("GET", f"runs/{run_id}"))

    def metric_history(
        self, run_id: str, key: str, max_points: int | None = None
    ) -> list[dict[str, Any]]:
        """``[{key, value, step, timestamp}, ...]``; ``max_points`` thins it, keeping extremes."""
        params = {"max_points": max_points} if max_points else None
        return list(self.request("GET", f"runs/{run_id}/metrics/{key}", params=params)["points"])

    # -- images and kernels --------------------------------------------------------------------

    def images(self) -> list[dict[str, Any]]:
        """Registered images, each with its versions (newest first) and its config."""
        return list(self.request("GET", "images")["images"])

    def register_image(
        self, name: str, base_image: str, wait: bool = True, timeout: float = 600.0
    ) -> dict[str, Any]:
        """Register image ``name`` with a first version; with ``wait``, return once it is
        validated (raises ``InvalidInput`` with the reason when it cannot run kernels)."""
        self.request("POST", "images", json={"name": name, "base_image": base_image})
        return self.wait_image_version(name, 1, timeout) if wait else self.image(name)

    def image(self, name: str) -> dict[str, Any]:
        return dict(self.request("GET", f"images/{name}"))

    def wait_image_version(self, name: str, version: int, timeout: float = 600.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.request("GET", f"images/{name}/versions/{version}")
            if found["image_version_status"] == "CREATED":
                return dict(found)
            if found["image_version_status"] == "CREATE_FAILED":
                raise InvalidInput(found["failure_reason"] or "validation failed")
            if time.monotonic() > deadline:
                raise TimeoutError(f"image {name} version {version} is still being validated")
            time.sleep(0.5)

    def kernel_id(self) -> str:
        """The id of the kernel this code runs in (only in kernels of ML Studio images)."""
        kernel = os.environ.get("MLSTUDIO_KERNEL_ID")
        if not kernel:
            raise InvalidInput(
                "This kernel was not started in an ML Studio image: choose a kernel such as "
                "'Python 3 (default)' for the notebook first."
            )
        return kernel

    def kernel_usage(self, kernel_id: str | None = None) -> dict[str, Any]:
        """CPU and memory use of a kernel against its instance type's limits."""
        return dict(self.request("GET", f"kernels/{kernel_id or self.kernel_id()}"))

    def switch_kernel(
        self,
        kernel_id: str | None = None,
        *,
        image: str | None = None,
        instance_type: str | None = None,
        force: bool = False,
        wait: bool = True,
    ) -> dict[str, Any]:
        """Move a kernel's notebook to another image and/or instance type (the kernel
        restarts). From inside the kernel itself, pass ``wait=False``."""
        body = {"image": image, "instance_type": instance_type, "force": force, "wait": wait}
        return dict(
            self.request("POST", f"kernels/{kernel_id or self.kernel_id()}/profile", json=body)
        )

    def aws(self) -> dict[str, Any]:
        """The server's AWS settings: region, account, execution role, default bucket and the
        SageMaker SDK's defaults file."""
        aws = self.request("GET", "status").get("aws")
        if not aws:
            raise BackendUnavailable("This server offers no AWS settings.")
        return dict(aws)

    def aws_environment(self) -> dict[str, str]:
        """Variables that send boto3 and both SDK lines to this server, as kernels have them
        (``os.environ.update(...)`` before creating clients; the v3 SDK makes some clients of
        its own from the environment)."""
        aws = self.aws()
        endpoints = face_endpoints(self.server.url, aws["default_bucket"] is not None)
        env = {
            f"AWS_ENDPOINT_URL_{name.upper().replace('-', '_')}": url
            for name, url in endpoints.items()
            if name != "runtime.sagemaker"
        }
        env["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = env.pop("AWS_ENDPOINT_URL_LOGS")
        return {
            **env,
            "AWS_ACCESS_KEY_ID": local_user(),
            "AWS_SECRET_ACCESS_KEY": self.server.token or "none",
            "AWS_DEFAULT_REGION": aws["region"],
            "SAGEMAKER_VALIDATE_ROLE": "false",
        }

    def boto_session(self) -> Any:
        """A ``boto3.Session`` whose clients go to this server's faces, with the user's keys."""
        aws = self.aws()
        endpoints = face_endpoints(self.server.url, aws["default_bucket"] is not None)
        return boto_session(endpoints, local_user(), self.server.token or "none", aws["region"])

    def sagemaker_session(self) -> Any:
        """A ``sagemaker.Session`` (the installed SDK line's) configured for this server: its
        clients, default bucket and execution role. Inside a studio kernel,
        ``sagemaker.Session()`` is the same."""
        aws = self.aws()
        endpoints = face_endpoints(self.server.url, aws["default_bucket"] is not None)
        boto = boto_session(endpoints, local_user(), self.server.token or "none", aws["region"])
        return sagemaker_session(boto, aws)

    def sagemaker(self, region_name: str = "us-east-1") -> Any:
        """A boto3 ``sagemaker`` client pointed at this server's SageMaker-compatible face."""
        import boto3

        return boto3.client(
            "sagemaker",
            endpoint_url=f"{self.server.url.rstrip('/')}/mlstudio/aws",
            region_name=region_name,
            aws_access_key_id=local_user(),
            aws_secret_access_key=self.server.token or "none",
        )


def _error_from(status: int, body: Any) -> MLStudioError:
    code = body.get("error", "") if isinstance(body, dict) else ""
    message = body.get("message", "") if isinstance(body, dict) else str(body)
    field = body.get("field") if isinstance(body, dict) else None
    cls = _ERRORS.get(code)
    if cls is None:
        cls = {
            400: InvalidInput,
            403: Forbidden,
            404: NotFound,
            409: Conflict,
            503: BackendUnavailable,
        }.get(status, MLStudioError)
    return cls(message or f"HTTP {status}", field=field)
