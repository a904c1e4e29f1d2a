"""The samples as the REST face serves them: a listing, and one notebook's content."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from ..core.models import ApiModel
from .catalogue import SAMPLES, Sample, sample_path


class SampleSummary(ApiModel):
    """A sample as the launcher and the sidebar list it."""

    name: str = Field(description="The notebook's file name, e.g. kmeans_digits.ipynb")
    title: str
    description: str


class SampleList(ApiModel):
    samples: list[SampleSummary]


class SampleNotebook(SampleSummary):
    """A sample with its notebook (nbformat 4 JSON), ready to save into the workspace."""

    content: dict[str, Any]


def _summary(sample: Sample) -> SampleSummary:
    return SampleSummary(name=sample.file, title=sample.title, description=sample.description)


class SampleService:
    """Reads the samples the package ships; nothing here writes (the front end copies a
    sample into the workspace with Jupyter's contents API, as any new notebook)."""

    def list(self) -> SampleList:
        return SampleList(samples=[_summary(sample) for sample in SAMPLES])

    def notebook(self, name: str) -> SampleNotebook:
        """Sample ``name``'s notebook (``NotFound`` for a name the catalogue does not list)."""
        path = sample_path(name)
        content = json.loads(path.read_text(encoding="utf-8"))
        sample = next(sample for sample in SAMPLES if sample.file == name)
        return SampleNotebook(**_summary(sample).model_dump(), content=content)
