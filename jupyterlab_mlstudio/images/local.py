"""The Docker images this project builds for SageMaker's algorithm and framework images.

SageMaker's images (``image_uris.retrieve``'s ECR URIs, the algorithms' short names) cannot be
pulled here. When the server runs them on Docker (``MLStudioApp.sagemaker_image_backend``), each
one runs in an image that ``scripts/build_images.sh`` builds locally from a Debian base:

- ``mlstudio/algorithms:latest``: the built-in algorithms (XGBoost, k-means, linear learner,
  PCA; SageMaker's ``train`` and ``serve`` entry points) and the scikit-learn and XGBoost
  framework containers (script mode, inference code);
- ``mlstudio/pytorch:latest`` (``scripts/build_images.sh pytorch``): the PyTorch framework
  containers, CPU only.

Other frameworks (TensorFlow, Hugging Face, MXNet, Chainer) have no local image: register one
whose version's ``MLFramework`` names the framework (``frameworks.mapped_image``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .ecr import EcrImage


@dataclass(frozen=True)
class LocalImage:
    """A Docker image this project builds, and the command (from a checkout of the project)
    that builds it."""

    reference: str
    build_command: str


ALGORITHMS_IMAGE = LocalImage("mlstudio/algorithms:latest", "bash scripts/build_images.sh")
PYTORCH_IMAGE = LocalImage("mlstudio/pytorch:latest", "bash scripts/build_images.sh pytorch")

# By EcrImage.name: the built-in algorithms by their own names, frameworks by family.
_IMAGES: dict[str, LocalImage] = {
    "xgboost": ALGORITHMS_IMAGE,
    "kmeans": ALGORITHMS_IMAGE,
    "linear-learner": ALGORITHMS_IMAGE,
    "pca": ALGORITHMS_IMAGE,
    "sklearn": ALGORITHMS_IMAGE,
    "pytorch": PYTORCH_IMAGE,
}


def local_image(image: EcrImage) -> LocalImage | None:
    """The local image that runs ``image`` on Docker, or ``None`` where none is built."""
    return _IMAGES.get(image.name)


def no_local_image(image: EcrImage) -> str:
    """Why ``image`` cannot run on Docker here: no local image is built for its family."""
    family = f"{image.name} {image.framework_version or ''}".strip()
    return (
        f"Image {image.reference} ({family}) has no local Docker image: this project builds "
        f"images for the built-in algorithms, scikit-learn, XGBoost and PyTorch. Register an "
        f"image whose MLFramework is '{image.name} {image.library_version or '<version>'}', "
        "or run it on the process backend (MLStudioApp.sagemaker_image_backend = 'process')."
    )
