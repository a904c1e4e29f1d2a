"""The built-in algorithms by name, and which one a training image means.

An image means an algorithm by its short name (``xgboost``, ``kmeans``, ``linear-learner``,
``pca``) or by the ECR URI SageMaker's SDK gives for it (``image_uris.retrieve``), recognised
by ``images.ecr``.
"""

from __future__ import annotations

from ..images.ecr import ImageKind, describe_image
from . import kmeans, linear_learner, pca, xgb
from .spec import Algorithm

ALGORITHMS: dict[str, Algorithm] = {
    spec.name: spec for spec in (xgb.SPEC, kmeans.SPEC, linear_learner.SPEC, pca.SPEC)
}


def get(name: str) -> Algorithm | None:
    """The algorithm called ``name`` (its short name), or ``None``."""
    return ALGORITHMS.get(name)


def algorithm_name(image: str) -> str | None:
    """The name of the SageMaker built-in algorithm an image names (ours or not), or
    ``None`` for a framework's or any other image."""
    described = describe_image(image)
    if described is None or described.kind is not ImageKind.ALGORITHM:
        return None
    return described.name


def for_image(image: str) -> Algorithm | None:
    """The algorithm a training or model image names, or ``None`` for any other image (and
    for a built-in algorithm this server does not implement: see ``algorithm_name``)."""
    name = algorithm_name(image)
    return ALGORITHMS.get(name) if name else None
