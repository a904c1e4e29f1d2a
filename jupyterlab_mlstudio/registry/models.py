"""Shapes of the model registry: registered models and their versions."""

from __future__ import annotations

from ..core.models import ApiModel

#: A version's stages, as MLflow's (deprecated but still used) stage transitions name them.
STAGES = ("None", "Staging", "Production", "Archived")


class ModelVersion(ApiModel):
    name: str
    version: int
    creation_time: int
    last_updated_time: int
    description: str | None = None
    source: str
    run_id: str | None = None
    run_link: str | None = None
    model_id: str | None = None
    status: str
    status_message: str | None = None
    stage: str
    tags: dict[str, str] = {}
    aliases: list[str] = []


class RegisteredModel(ApiModel):
    name: str
    creation_time: int
    last_updated_time: int
    description: str | None = None
    tags: dict[str, str] = {}
    aliases: dict[str, int] = {}
    latest_versions: list[ModelVersion] = []


class ModelDetail(ApiModel):
    model: RegisteredModel
    versions: list[ModelVersion]
