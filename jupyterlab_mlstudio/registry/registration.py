"""Registering a model in one step, as the UI's Register model does: the registered model
(made when the name is new), a new version from a source (a run's artifacts, a job's model),
and its aliases. The checks come first, so a refused request leaves nothing behind.
"""

from __future__ import annotations

import contextlib

from pydantic import Field

from ..core.context import RequestContext
from ..core.errors import Conflict, InvalidInput, NotFound
from ..core.models import ApiModel
from ..experiments.validation import check_key
from .models import ModelVersion
from .service import RegistryService, check_alias

#: Most aliases one registration may set.
MAX_ALIASES = 10


class RegisterModelVersion(ApiModel):
    """``POST /models/{name}/versions``: a new version of a registered model."""

    source: str = Field(
        min_length=1,
        max_length=1000,
        description="runs:/<run_id>/<path>, or the URI of a training job's model.tar.gz",
    )
    run_id: str | None = Field(default=None, max_length=64, description="The run it came from")
    description: str | None = Field(default=None, max_length=5000)
    aliases: list[str] = Field(default_factory=list, max_length=MAX_ALIASES)
    tags: dict[str, str] = Field(default_factory=dict, max_length=50)


def register_version(
    registry: RegistryService, context: RequestContext, name: str, body: RegisterModelVersion
) -> ModelVersion:
    """A new version of ``name`` (the registered model is made if it does not exist) with its
    aliases; returns it. Aliases that another version holds move to this one."""
    for index, alias in enumerate(body.aliases):
        check_alias(alias, field=f"aliases.{index}")
    for key, value in body.tags.items():
        check_key(key, "tag")
        if len(value) > 5000:
            raise InvalidInput(f"Tag {key}: a value is at most 5000 characters", field="tags")
    registry.check_source(context, body.source, body.run_id)
    try:
        registry.get_model(context, name)
    except NotFound:
        # Made meanwhile by another request, the model is there all the same: the version joins.
        with contextlib.suppress(Conflict):
            registry.create_model(context, name)
    version = registry.create_version(
        context,
        name,
        body.source,
        run_id=body.run_id,
        description=body.description,
        tags=body.tags,
    )
    for alias in body.aliases:
        registry.set_alias(context, name, alias, version.version)
    return registry.get_version(context, name, version.version)
