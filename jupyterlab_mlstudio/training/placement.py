"""Where a unit runs, by its image: on which backend, in which environment or Docker image.

Training, processing, models (endpoints, batch transform) all resolve their images here:

- ``default``: the server's own Python on the process backend;
- a name in the image catalogue: its newest usable version (a local environment runs on the
  process backend, a Docker image on Docker);
- one of SageMaker's framework images (``sagemaker-scikit-learn``, ``pytorch-training``,
  ``sagemaker-xgboost`` in script mode, ...): a registered image whose ``MLFramework`` declares
  the framework; else, by ``sagemaker_backend``, the server's own Python (``process``) or the
  Docker image this project builds for the framework (``docker``, ``images.local``);
- one of SageMaker's built-in algorithms (ECR URI or short name): likewise the server's Python
  (which needs the ``algorithms`` extra) or ``mlstudio/algorithms:latest`` on Docker;
- anything else: a Docker reference, which must be present in the engine.

With a Ray cluster configured (``MLStudioApp.ray_address``), a job whose instance type matches
``ray_instance_types`` (or that asks with the tag ``mlstudio:runs-on = cluster``) runs on the
``ray`` backend instead, in the cluster's own Python: the ``default`` image and SageMaker's
framework images in script mode can; anything else is refused with what to do instead.
Processing jobs, endpoints and batch transform choose the same way by their instance type
(``resolve_for``, through the training service's ``resolve_image_for``).
"""

from __future__ import annotations

import fnmatch

from ..algorithms import jobs as algorithms
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from ..images.ecr import EcrImage, describe_image
from ..images.frameworks import mapped_image
from ..images.local import local_image, no_local_image
from ..images.service import ImageService, ResolvedImage
from ..runtime.base import RuntimeBackend, UnitError

#: The image that runs in the server's own Python environment on the process backend.
DEFAULT_IMAGE = "default"
#: Where SageMaker's algorithm and framework images run (``MLStudioApp.sagemaker_image_backend``).
SAGEMAKER_BACKENDS = ("process", "docker")
#: The tag a job chooses where it runs with, whatever its instance type: cluster | here.
RUNS_ON_TAG = "mlstudio:runs-on"
RUNS_ON = ("cluster", "here")
#: The image reference of a Ray unit: the cluster's Python (``MLStudioApp.ray_python``).
CLUSTER_PYTHON = "python"


class ImagePlacement:
    """Resolves a unit's image to ``(backend, image reference)``; an image that cannot run
    here is ``InvalidInput`` naming the request's field."""

    def __init__(
        self,
        *,
        backends: dict[str, RuntimeBackend],
        default_interpreter: str,
        images: ImageService | None = None,
        sagemaker_backend: str = "process",
        cluster_instance_types: tuple[str, ...] = (),
    ) -> None:
        if sagemaker_backend not in SAGEMAKER_BACKENDS:
            raise ValueError(f"sagemaker_backend must be one of {SAGEMAKER_BACKENDS}")
        self.backends = backends
        self.default_interpreter = default_interpreter
        self.images = images
        self.sagemaker_backend = sagemaker_backend
        #: Instance types whose jobs run on the Ray cluster; empty: there is none.
        self.cluster_instance_types = cluster_instance_types

    def on_cluster(self, instance_type: str | None, runs_on: str | None) -> bool:
        """Whether a job of ``instance_type`` (choosing ``runs_on`` itself) runs on the
        cluster; a choice that cannot be honoured is invalid input."""
        if runs_on is not None and runs_on not in RUNS_ON:
            raise InvalidInput(
                f"Tag {RUNS_ON_TAG} must be one of {', '.join(RUNS_ON)}, not {runs_on!r}",
                field="Tags",
            )
        if runs_on == "cluster" and "ray" not in self.backends:
            raise InvalidInput(
                f"Tag {RUNS_ON_TAG} = cluster, but this server has no Ray cluster: set "
                "MLStudioApp.ray_address to its dashboard's address",
                field="Tags",
            )
        if "ray" not in self.backends or runs_on == "here" or instance_type is None:
            return False
        if runs_on == "cluster":
            return True
        return any(fnmatch.fnmatchcase(instance_type, item) for item in self.cluster_instance_types)

    def resolve_for(
        self,
        image: str,
        context: RequestContext | None,
        field: str,
        instance_type: str | None,
        runs_on: str | None,
        scripted: bool = True,
    ) -> tuple[str, str]:
        """Like :meth:`resolve`, on the cluster when the job runs there. ``scripted``: the
        job runs a script of its own (script mode), not the image's algorithm."""
        if not self.on_cluster(instance_type, runs_on):
            return self.resolve(image, context, field)
        sagemaker = describe_image(image)
        if image == DEFAULT_IMAGE or (sagemaker is not None and sagemaker.script_mode and scripted):
            return "ray", CLUSTER_PYTHON
        what = (
            "one of SageMaker's built-in algorithms, which run in this server's Python"
            if sagemaker is not None
            else "a container image (on a Ray cluster that needs podman on every node and the "
            "same Ray and Python versions inside the image as on the cluster)"
        )
        raise InvalidInput(
            f"Image {image} cannot run on the Ray cluster: it is {what}. There, jobs run in "
            f"the cluster's own Python: TrainingImage '{DEFAULT_IMAGE}' or a SageMaker framework "
            f"image in script mode. To run this one here, tag the job {RUNS_ON_TAG} = here or "
            "choose an instance type that runs here (MLStudioApp.ray_instance_types).",
            field=field,
        )

    def resolve(
        self,
        image: str,
        context: RequestContext | None = None,
        field: str = "AlgorithmSpecification.TrainingImage",
    ) -> tuple[str, str]:
        """(backend, image reference) for the image a unit runs, named in ``field``."""
        if image == DEFAULT_IMAGE:
            return "process", self.default_interpreter
        if self.images is not None and context is not None:
            try:
                resolved = self.images.resolve(context, image)
            except NotFound:
                resolved = None
            except InvalidInput as error:
                raise InvalidInput(error.message, field=field) from error
            if resolved is not None and resolved.kind == "local":
                return "process", resolved.target
            if resolved is not None:
                image = resolved.target
        sagemaker = describe_image(image)
        if sagemaker is not None and sagemaker.script_mode:
            mapped = self.framework_image(context, sagemaker)
            if mapped is not None:
                if mapped.kind == "local":
                    return "process", mapped.target
                return "docker", self._present(mapped.target, field)
        in_server = self.sagemaker_backend == "process"
        if sagemaker is None:
            return "docker", self._present(image, field)
        if not sagemaker.script_mode:
            # XGBoost's image also runs scripts: its framework check comes when a unit starts.
            algorithms.require_runnable(image, field, in_server=in_server)
        if in_server:
            return "process", self.default_interpreter
        return "docker", self._local(sagemaker, field)

    def framework_image(
        self, context: RequestContext | None, image: EcrImage
    ) -> ResolvedImage | None:
        """A registered image that declares ``image``'s framework (its version's MLFramework,
        the closest version first), or ``None``. Whether it really has the framework is
        checked when a unit starts."""
        if self.images is not None and context is not None:
            return mapped_image(self.images, context, image)
        return None

    def _local(self, image: EcrImage, field: str) -> str:
        """The Docker image this project builds for ``image``; refused when it has none, or
        when it is not built yet (saying which command builds it)."""
        local = local_image(image)
        if local is None:
            raise InvalidInput(no_local_image(image), field=field)
        if not self._has(local.reference, field):
            raise InvalidInput(
                f"Image {image.reference} runs on Docker in {local.reference}, which is not "
                f"built yet: build it with '{local.build_command}' (from a checkout of "
                "jupyterlab_mlstudio), or run SageMaker's images in this server's Python "
                "(MLStudioApp.sagemaker_image_backend = 'process').",
                field=field,
            )
        return local.reference

    def _present(self, image: str, field: str) -> str:
        if not self._has(image, field):
            raise InvalidInput(
                f"Image {image} is not present in the Docker engine; build or pull it first "
                f"(the '{DEFAULT_IMAGE}' image runs in this server's Python environment).",
                field=field,
            )
        return image

    def _has(self, image: str, field: str) -> bool:
        docker = self.backends.get("docker")
        if docker is None:
            raise InvalidInput(
                f"Image {image} needs the Docker backend, which is disabled here.", field=field
            )
        status = docker.probe()
        if not status.available:
            raise InvalidInput(f"Image {image} needs Docker, but {status.reason}", field=field)
        try:
            return bool(docker.has_image(image))  # type: ignore[attr-defined]
        except UnitError as error:
            raise InvalidInput(f"Image {image}: {error}", field=field) from error
