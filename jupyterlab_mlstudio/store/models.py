"""Every table of every concept, gathered for migrations and the schema check."""

from __future__ import annotations

from ..training import orm as _training_orm  # noqa: F401  (registers its tables)
from .orm import Base

metadata = Base.metadata
