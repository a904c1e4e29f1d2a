"""The REST face's route table: each module lists its routes (``ROUTES``), from which both the
server's handler table and its OpenAPI document are made."""

from __future__ import annotations

from .access import handlers as audit_handlers
from .compute import handlers as compute_handlers
from .core import openapi
from .domains import credential_handlers
from .endpoints import handlers as endpoint_handlers
from .examples import handlers as sample_handlers
from .experiments import handlers as experiment_handlers
from .images import handlers as image_handlers
from .inference.transform import handlers as transform_handlers
from .kernels import handlers as kernel_handlers
from .processing import handlers as processing_handlers
from .registry import handlers as registry_handlers
from .resources import handlers as resource_handlers
from .sharing import handlers as sharing_handlers
from .status import handlers as status_handlers
from .tracing import handlers as tracing_handlers
from .training import handlers as training_handlers
from .tuning import handlers as tuning_handlers
from .uploads import handlers as upload_handlers

REST_MODULES = [
    status_handlers,
    compute_handlers,
    training_handlers,
    tuning_handlers,
    processing_handlers,
    experiment_handlers,
    tracing_handlers,
    registry_handlers,
    endpoint_handlers,
    transform_handlers,
    image_handlers,
    kernel_handlers,
    upload_handlers,
    sample_handlers,
    sharing_handlers,
    resource_handlers,
    credential_handlers,
    audit_handlers,
    openapi,
]


def rest_routes() -> list[openapi.Route]:
    """Every route of the REST face, from which both its handler table and its OpenAPI
    document are made."""
    return [item for module in REST_MODULES for item in module.ROUTES]
