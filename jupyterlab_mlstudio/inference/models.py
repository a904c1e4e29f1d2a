"""Model shapes (``CreateModel``, ``DescribeModel``, ``ListModels``), named as SageMaker names
them: snake_case on the REST face, PascalCase on the AWS face."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Literal

from pydantic import Field, model_validator

from ..core.models import SageMakerModel
from ..training.models import ResourceTag, SortOrder

MODEL_NAME_PATTERN = r"^[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?$"


class S3ModelDataSource(SageMakerModel):
    """Where loose (or compressed) model files are: ``ModelDataSource.S3DataSource``."""

    s3_uri: str = Field(min_length=1, max_length=1024)
    s3_data_type: Literal["S3Prefix", "S3Object"] = "S3Prefix"
    compression_type: Literal["None", "Gzip"] = "None"


class ModelDataSource(SageMakerModel):
    s3_data_source: S3ModelDataSource


class ContainerDefinition(SageMakerModel):
    """One container of a model: its image, its artifact and its environment."""

    container_hostname: str | None = Field(default=None, max_length=63)
    image: str = Field(
        default="default",
        min_length=1,
        max_length=255,
        description="'default' (this server's Python), a registered image, or a Docker "
        "reference whose serve command honours SageMaker's serving contract",
    )
    mode: Literal["SingleModel", "MultiModel"] = "SingleModel"
    model_data_url: str | None = Field(default=None, max_length=1024)
    model_data_source: ModelDataSource | None = None
    environment: dict[str, str] = Field(default_factory=dict, max_length=100)
    model_package_name: str | None = None

    def artifact(self) -> str | None:
        """The artifact's URI: ``ModelDataUrl``, else ``ModelDataSource``'s."""
        if self.model_data_url:
            return self.model_data_url
        if self.model_data_source is not None:
            return self.model_data_source.s3_data_source.s3_uri
        return None


class InferenceExecutionConfig(SageMakerModel):
    mode: Literal["Serial", "Direct"] = "Serial"


class CreateModelRequest(SageMakerModel):
    """``CreateModel``: one container (``PrimaryContainer``, or ``Containers`` with one item)."""

    model_name: str = Field(min_length=1, max_length=63, pattern=MODEL_NAME_PATTERN)
    primary_container: ContainerDefinition | None = None
    containers: list[ContainerDefinition] | None = Field(default=None, max_length=15)
    inference_execution_config: InferenceExecutionConfig | None = None
    execution_role_arn: str | None = Field(default=None, max_length=2048)
    enable_network_isolation: bool = False
    tags: list[ResourceTag] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _one_container(self) -> CreateModelRequest:
        if self.primary_container is None and not self.containers:
            raise ValueError("give PrimaryContainer or Containers")
        if self.primary_container is not None and self.containers:
            raise ValueError("give PrimaryContainer or Containers, not both")
        return self

    def container(self) -> ContainerDefinition:
        """The model's one container."""
        if self.primary_container is not None:
            return self.primary_container
        assert self.containers
        return self.containers[0]


class ModelDescription(SageMakerModel):
    """``DescribeModel``."""

    model_name: str
    model_arn: str
    creation_time: datetime
    primary_container: ContainerDefinition | None = None
    containers: list[ContainerDefinition] | None = None
    inference_execution_config: InferenceExecutionConfig | None = None
    execution_role_arn: str | None = None
    enable_network_isolation: bool = False


class ModelDetail(ModelDescription):
    """The REST face's view: the description plus how this server runs the model."""

    backend: str = Field(description="process or docker: where the model's units run")
    image: str = Field(description="The interpreter or Docker image its units run")
    tags: list[ResourceTag] = Field(default_factory=list)

    @classmethod
    def aws_fields(cls) -> set[str]:
        return set(ModelDescription.model_fields)


class ModelSummary(SageMakerModel):
    """One row of ``ListModels``."""

    model_name: str
    model_arn: str
    creation_time: datetime


class ModelSortKey(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"


class ModelQuery(SageMakerModel):
    """Filters, order and paging of a model listing."""

    name_contains: str | None = Field(default=None, max_length=63)
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    sort_by: ModelSortKey = ModelSortKey.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = Field(default=None, max_length=8192)


class ModelPage(SageMakerModel):
    """``ListModels``."""

    models: list[ModelSummary]
    next_token: str | None = None
