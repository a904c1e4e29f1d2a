"""Deploying in one step: a model, a config and an endpoint from a completed training job, a
registered model version, or an existing model.

A training job's model is its ``model.tar.gz`` served by the job's image; with script-mode
code (``sagemaker_program``/``sagemaker_submit_directory``) the same script and code are the
inference code (``SAGEMAKER_PROGRAM``/``SAGEMAKER_SUBMIT_DIRECTORY``), as the SageMaker SDK's
``Estimator.deploy()`` does, so a ``model_fn`` in the training script serves and a script
without one falls back to the built-in handlers. A registered version's model is the folder
its source names (a run's or a logged model's artifacts, or a store URI), served as loose files.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Protocol

from pydantic import Field, ValidationError, model_validator

from ..core.context import RequestContext
from ..core.errors import IllegalTransition, InvalidInput, NotFound
from ..core.models import ApiModel, validation_error_to_invalid_input
from ..experiments.artifacts import ArtifactStore, proxied
from ..objects.router import join_uri
from .configs import EndpointConfigService
from .models import (
    NAME_PATTERN,
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    DataCaptureConfig,
    EndpointDetail,
)
from .service import EndpointService

_UNSAFE = re.compile(r"[^a-zA-Z0-9-]+")


class DeployRequest(ApiModel):
    """``POST /endpoints``: deploy in one step. Name exactly one source."""

    training_job_name: str | None = Field(default=None, description="A completed training job")
    registered_model_name: str | None = Field(default=None, description="A registered model")
    registered_model_version: str | None = Field(
        default=None,
        description="Its version number or alias (default: the newest version)",
        max_length=256,
    )
    model_name: str | None = Field(default=None, description="A model made with CreateModel")
    endpoint_name: str | None = Field(default=None, pattern=NAME_PATTERN)
    instance_type: str | None = Field(default=None, max_length=64)
    initial_instance_count: int = Field(default=1, ge=1, le=100)
    variant_name: str = Field(default="AllTraffic", pattern=NAME_PATTERN)
    image: str | None = Field(
        default=None, max_length=255, description="Serve with this image instead of the source's"
    )
    environment: dict[str, str] = Field(default_factory=dict, max_length=100)
    data_capture_config: DataCaptureConfig | None = None

    @model_validator(mode="after")
    def _one_source(self) -> DeployRequest:
        given = [
            name
            for name in ("training_job_name", "registered_model_name", "model_name")
            if getattr(self, name)
        ]
        if len(given) != 1:
            raise ValueError(
                "name exactly one of training_job_name, registered_model_name, model_name"
            )
        if self.registered_model_version and not self.registered_model_name:
            raise ValueError("registered_model_version needs registered_model_name")
        return self


class ModelCreator(Protocol):
    """What deploying needs of the models service (``inference.service.ModelService``)."""

    def create(self, context: RequestContext, request: Any) -> str: ...


def _name(base: str, limit: int = 63) -> str:
    """``base`` made a SageMaker name, with a time stamp (unique per second)."""
    stem = _UNSAFE.sub("-", base).strip("-")[: limit - 16] or "model"
    return f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"


class DeployService:
    """Creates the model, the config and the endpoint that serve a source, in one call."""

    def __init__(
        self,
        *,
        endpoints: EndpointService,
        configs: EndpointConfigService,
        models: Any,
        training: Any,
        registry: Any,
        experiments: Any,
        logged_models: Any,
        artifacts: ArtifactStore,
        model_request: Any,
    ) -> None:
        self.endpoints = endpoints
        self.configs = configs
        self.models = models
        self.training = training
        self.registry = registry
        self.experiments = experiments
        self.logged_models = logged_models
        self.artifacts = artifacts
        #: The CreateModel request shape (``inference.models.CreateModelRequest``).
        self.model_request = model_request

    def deploy(self, context: RequestContext, request: DeployRequest) -> EndpointDetail:
        if request.model_name:
            model_name, base = request.model_name, request.model_name
        else:
            image, url, environment, base = self._source(context, request)
            model_name = _name(base)
            container = {
                "Image": request.image or image,
                "Environment": {**environment, **request.environment},
            }
            if url:
                container["ModelDataUrl"] = url
            self.models.create(
                context,
                _as_aws(
                    self.model_request, {"ModelName": model_name, "PrimaryContainer": container}
                ),
            )
        endpoint = request.endpoint_name or _name(base)
        config: dict[str, Any] = {
            "EndpointConfigName": _name(endpoint) if request.endpoint_name else endpoint,
            "ProductionVariants": [
                {
                    "VariantName": request.variant_name,
                    "ModelName": model_name,
                    "InitialInstanceCount": request.initial_instance_count,
                    "InstanceType": request.instance_type
                    or self.configs.catalogue.default_instance_type,
                    "InitialVariantWeight": 1.0,
                }
            ],
        }
        if request.data_capture_config is not None:
            config["DataCaptureConfig"] = request.data_capture_config.model_dump(
                mode="json", by_alias=True, exclude_none=True
            )
        self.configs.create(context, _as_aws(CreateEndpointConfigRequest, config))
        self.endpoints.create(
            context,
            CreateEndpointRequest(
                endpoint_name=endpoint, endpoint_config_name=config["EndpointConfigName"]
            ),
        )
        return self.endpoints.describe(context, endpoint)

    # -- sources ---------------------------------------------------------------------------

    def _source(
        self, context: RequestContext, request: DeployRequest
    ) -> tuple[str, str | None, dict[str, str], str]:
        """(image, ModelDataUrl, environment, name stem) of the request's source."""
        if request.training_job_name:
            return self._training_job(context, request.training_job_name)
        assert request.registered_model_name
        return self._model_version(
            context, request.registered_model_name, request.registered_model_version
        )

    def _training_job(
        self, context: RequestContext, name: str
    ) -> tuple[str, str | None, dict[str, str], str]:
        try:
            job = self.training.describe(context, name)
        except NotFound as error:
            raise InvalidInput(
                f"No training job named {name}", field="training_job_name"
            ) from error
        status = job.training_job_status.value
        if status != "Completed" or job.model_artifacts is None:
            raise IllegalTransition(
                f"Training job {name} is {status}: only a completed job's model can be deployed."
            )
        hyperparameters = job.hyper_parameters or {}
        environment: dict[str, str] = {}
        for key, target in (
            ("sagemaker_program", "SAGEMAKER_PROGRAM"),
            ("sagemaker_submit_directory", "SAGEMAKER_SUBMIT_DIRECTORY"),
        ):
            if hyperparameters.get(key):
                environment[target] = _unquoted(hyperparameters[key])
        image = job.algorithm_specification.training_image
        return image, job.model_artifacts.s3_model_artifacts, environment, name

    def _model_version(
        self, context: RequestContext, name: str, reference: str | None
    ) -> tuple[str, str | None, dict[str, str], str]:
        field = "registered_model_version"
        try:
            if reference is None:
                versions = self.registry.latest_versions(context, name)
                if not versions:
                    raise InvalidInput(f"Registered model {name} has no version", field=field)
                version = max(versions, key=lambda item: item.version)
            elif reference.isdigit():
                version = self.registry.get_version(context, name, int(reference))
            else:
                version = self.registry.version_by_alias(context, name, reference)
        except NotFound as error:
            raise InvalidInput(error.message, field=field) from error
        return "default", self.location(context, version.source), {}, f"{name}-v{version.version}"

    def location(self, context: RequestContext, source: str, depth: int = 0) -> str:
        """The object-store URI of the files a version's source names."""
        if depth > 5:
            raise InvalidInput(f"Model source {source} refers to itself", field="source")
        path = proxied(source)
        if path is not None:
            return self.artifacts.uri(path)
        if source.startswith("runs:/"):
            run_id, _, rest = source[len("runs:/") :].partition("/")
            run = self.experiments.get_run(context, run_id)
            return self.location(context, join_uri(run.artifact_uri, rest), depth + 1)
        if source.startswith("models:/"):
            rest = source[len("models:/") :].strip("/")
            if "/" not in rest:
                logged = self.logged_models.get(context, rest)
                return self.location(context, logged.artifact_uri, depth + 1)
            model, _, reference = rest.partition("/")
            version = (
                self.registry.get_version(context, model, int(reference))
                if reference.isdigit()
                else self.registry.version_by_alias(context, model, reference)
            )
            return self.location(context, version.source, depth + 1)
        if source.startswith("/"):
            return f"file://{source}"
        return source


def _unquoted(value: str) -> str:
    """Framework estimators JSON-encode every hyperparameter (``"\\"train.py\\""``)."""
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return decoded if isinstance(decoded, str) else value


def _as_aws(shape: Any, data: dict[str, Any]) -> Any:
    """``data`` as the AWS request ``shape``; what the REST request let through but SageMaker's
    shape refuses (a model name with other characters, say) is invalid input, not a failure."""
    try:
        return shape.model_validate(data, context={"aws": True})
    except ValidationError as error:
        raise validation_error_to_invalid_input(error, pascal=True) from error
