"""Every table of every concept, gathered for migrations and the schema check."""

from __future__ import annotations

from ..access import orm as _access_orm  # noqa: F401  (each import registers tables)
from ..domains import orm as _domains_orm  # noqa: F401
from ..endpoints import orm as _endpoints_orm  # noqa: F401
from ..evaldatasets import orm as _evaldatasets_orm  # noqa: F401
from ..experiments import orm as _experiments_orm  # noqa: F401
from ..images import orm as _images_orm  # noqa: F401
from ..inference import orm as _models_orm  # noqa: F401
from ..inference.transform import orm as _transform_orm  # noqa: F401
from ..issues import orm as _issues_orm  # noqa: F401
from ..kernels import orm as _kernels_orm  # noqa: F401
from ..labelschemas import orm as _labelschemas_orm  # noqa: F401
from ..logs import orm as _logs_orm  # noqa: F401
from ..processing import orm as _processing_orm  # noqa: F401
from ..registry import orm as _registry_orm  # noqa: F401
from ..reviewqueues import orm as _reviewqueues_orm  # noqa: F401
from ..scorers import orm as _scorers_orm  # noqa: F401
from ..sharing import orm as _sharing_orm  # noqa: F401
from ..tags import orm as _tags_orm  # noqa: F401
from ..tracing import orm as _tracing_orm  # noqa: F401
from ..training import orm as _training_orm  # noqa: F401
from ..tuning import orm as _tuning_orm  # noqa: F401
from .orm import Base

metadata = Base.metadata
