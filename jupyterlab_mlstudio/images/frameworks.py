"""SageMaker's framework containers, run in a local environment that has the framework.

A job (or a serving unit) whose image is one of SageMaker's framework images
(``sagemaker-scikit-learn``, ``pytorch-training``, ``sagemaker-xgboost`` in script mode, ...;
see ``ecr.py``) runs on the process backend, in this server's own Python unless a registered
image declares that framework (its version's ``MLFramework``, as SageMaker's
``CreateImageVersion`` takes it: ``"sklearn 1.2"``, ``"PyTorch 2.1"``). With
``MLStudioApp.sagemaker_image_backend = 'docker'`` they run instead in the Docker images this
project builds (``local.py``); ``training/placement.py`` decides.

Whether the environment really has the framework is checked when a unit is about to start,
not when the job is created: a missing package fails the job with a ``FailureReason`` that
names it and says how to add it; another version than the image's runs, with a line in the
job's log that says so. The check asks the environment's interpreter for the installed
distributions (it never imports the framework, which can take seconds), and remembers the
answer for a short while.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..runtime.base import ContainerSpec
from .ecr import EcrImage, Package, describe_image
from .orm import ImageRecord, ImageVersionRecord
from .states import ImageVersionStatus

if TYPE_CHECKING:
    from .service import ImageService, ResolvedImage

#: Seconds a probe's answer is reused (a package installed meanwhile is seen after this).
PROBE_TTL_SECONDS = 30.0
PROBE_TIMEOUT_SECONDS = 30.0

# Standard library only, any Python 3: the installed version of each module's distribution
# (found through the module's files, so ``xgboost-cpu`` answers for ``xgboost``), without
# importing the module itself.
_PROBE = r"""
import importlib.util, json, sys
try:
    from importlib import metadata
except ImportError:
    metadata = None
found = {}
mapping = {}
if metadata is not None and hasattr(metadata, "packages_distributions"):
    mapping = metadata.packages_distributions()
for module in sys.argv[1:]:
    try:
        spec = importlib.util.find_spec(module)
    except Exception:
        spec = None
    if spec is None:
        found[module] = None
        continue
    version = ""
    for name in mapping.get(module, []) + [module]:
        try:
            version = metadata.version(name)
            break
        except Exception:
            continue
    found[module] = version
print(json.dumps({"python": "%d.%d" % sys.version_info[:2], "modules": found}))
"""


class FrameworkUnavailable(InvalidInput):
    """The environment chosen for a framework image lacks the framework's package."""


@dataclass(frozen=True)
class Probe:
    """What an interpreter has: its Python version and the version of each module asked for
    (``None``: not importable; ``""``: importable, version unknown)."""

    python: str
    modules: dict[str, str | None]


class EnvironmentProbe:
    """Asks interpreters which framework packages they have, caching answers briefly."""

    def __init__(self, ttl_seconds: float = PROBE_TTL_SECONDS) -> None:
        self.ttl_seconds = ttl_seconds
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, tuple[str, ...]], tuple[float, Probe]] = {}

    def probe(self, interpreter: str, modules: Iterable[str]) -> Probe:
        key = (interpreter, tuple(sorted(set(modules))))
        now = time.monotonic()
        with self._lock:
            cached = self._answers.get(key)
            if cached is not None and now - cached[0] < self.ttl_seconds:
                return cached[1]
        try:
            done = subprocess.run(
                [interpreter, "-I", "-c", _PROBE, *key[1]],
                capture_output=True,
                timeout=PROBE_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise FrameworkUnavailable(
                f"Cannot run the environment's Python {interpreter}: {error}"
            ) from error
        if done.returncode != 0:
            detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise FrameworkUnavailable(
                f"The environment's Python {interpreter} failed to start: {detail[0]}"
            )
        answer = json.loads(done.stdout)
        result = Probe(python=answer["python"], modules=answer["modules"])
        with self._lock:
            self._answers[key] = (now, result)
        return result


#: The one probe of this process (its cache is what makes repeated launches cheap).
PROBE = EnvironmentProbe()


def _minor(version: str) -> tuple[int, ...]:
    """``2.13.0+cpu`` -> (2, 13); ``0.90`` -> (0, 90)."""
    parts: list[int] = []
    for piece in version.split("+", 1)[0].split(".")[:2]:
        digits = "".join(char for char in piece if char.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _install_hint(package: Package, interpreter: str) -> str:
    wanted = package.distribution
    if package.version:
        wanted = f"{wanted}=={package.version}.*"
    return f"{interpreter} -m pip install '{wanted}'"


def check_environment(
    image: EcrImage,
    interpreter: str,
    gpus: int,
    probe: EnvironmentProbe = PROBE,
) -> list[str]:
    """Notes for the job's log (another version, a GPU image without a GPU), or
    ``FrameworkUnavailable`` naming the missing package and how to add it."""
    notes: list[str] = []
    packages = image.packages
    if packages:
        found = probe.probe(interpreter, [package.module for package in packages])
        for package in packages:
            installed = found.modules.get(package.module)
            if installed is None:
                raise FrameworkUnavailable(
                    f"Image {image.reference} needs the {package.distribution} package "
                    f"({image.name} {image.framework_version or ''}".rstrip()
                    + f"), which the environment {interpreter} does not have. Install it "
                    f"there ({_install_hint(package, interpreter)}), or register an image "
                    f"whose MLFramework is '{image.name} {package.version or '<version>'}'."
                )
            if package.version and installed and _minor(installed) != _minor(package.version):
                notes.append(
                    f"mlstudio: {image.reference} asks for {package.distribution} "
                    f"{package.version}; this environment ({interpreter}) has {installed}, "
                    "which runs instead."
                )
    if image.gpu and gpus == 0:
        notes.append(
            f"mlstudio: {image.reference} is built for GPUs, but this unit has none (no GPU "
            "on this host or in its instance type): it runs on the CPU."
        )
    return notes


def framework_missing(reference: str, interpreter: str) -> str | None:
    """Why ``interpreter`` cannot serve a model whose image is ``reference`` (one of
    SageMaker's framework images, its framework absent there), or ``None``."""
    image = describe_image(reference)
    if image is None or not image.script_mode:
        return None
    try:
        check_environment(image, interpreter, gpus=1)
    except FrameworkUnavailable as error:
        return error.message
    return None


_NOTE_VARIABLE = "MLSTUDIO_FRAMEWORK_NOTES"
_PRINT_THEN_RUN = 'printf "%s\\n" "$MLSTUDIO_FRAMEWORK_NOTES" >&2; exec "$@"'


def framework_specs(
    specs: dict[str, ContainerSpec], reference: str, *, docker: bool, gpus: int
) -> dict[str, ContainerSpec]:
    """The units of a job whose image is ``reference``, checked and ready to start: for one
    of SageMaker's framework images on the process backend, the environment must have the
    framework (``FrameworkUnavailable`` otherwise), notes go to the log, and the environment's
    own ``python3``/``pip`` come first on PATH (the v3 SDK's driver calls them by name)."""
    image = describe_image(reference)
    if docker or image is None or not image.script_mode:
        return specs
    checked: dict[str, ContainerSpec] = {}
    notes: list[str] | None = None
    for host, spec in specs.items():
        if notes is None:
            notes = check_environment(image, spec.image, gpus)
        folder = os.path.dirname(spec.image)
        path = spec.env.get("PATH", os.defpath)
        env = {**spec.env, "PATH": os.pathsep.join([folder, path]) if folder else path}
        checked[host] = with_notes(replace(spec, env=env), notes)
    return checked


def with_notes(spec: ContainerSpec, notes: list[str]) -> ContainerSpec:
    """``spec`` whose unit prints ``notes`` to its log before its command runs (so they show
    where the job's own output does: the log stream, the SDK's log tail)."""
    if not notes:
        return spec
    return replace(
        spec,
        entrypoint=["/bin/sh", "-c", _PRINT_THEN_RUN, "sh"],
        command=[*(spec.entrypoint or []), *spec.command],
        env={**spec.env, _NOTE_VARIABLE: "\n".join(notes)},
    )


# -- registered images that declare a framework ------------------------------------------------

#: SageMaker's MLFramework shape: a name, an optional space, a version (``PyTorch 2.1``).
_ML_FRAMEWORK = re.compile(r"^(?P<name>[a-zA-Z][a-zA-Z-]*) ?(?P<version>\d+\.\d+(?:\.\d+)?)$")
_FRAMEWORK_NAMES = {
    "sklearn": "sklearn",
    "scikitlearn": "sklearn",
    "pytorch": "pytorch",
    "torch": "pytorch",
    "tensorflow": "tensorflow",
    "xgboost": "xgboost",
    "huggingface": "huggingface",
    "transformers": "huggingface",
    "mxnet": "mxnet",
    "chainer": "chainer",
}


def parse_ml_framework(value: str) -> tuple[str, str] | None:
    """``"SKLearn 1.2"`` -> ("sklearn", "1.2"); ``None`` for a framework not known here."""
    match = _ML_FRAMEWORK.match(value.strip())
    if match is None:
        return None
    name = _FRAMEWORK_NAMES.get(re.sub(r"[^a-z]", "", match.group("name").lower()))
    return (name, match.group("version")) if name else None


def check_ml_framework(value: str | None) -> str | None:
    """A version's MLFramework as given, or ``InvalidInput`` saying what is expected."""
    if value is None:
        return None
    if parse_ml_framework(value) is None:
        raise InvalidInput(
            f"MLFramework {value!r} is not a framework name and version such as 'sklearn 1.2' "
            "(known: sklearn, PyTorch, TensorFlow, XGBoost, transformers, MXNet, Chainer)",
            field="MLFramework",
        )
    return value.strip()


def mapped_image(
    images: ImageService, context: RequestContext, image: EcrImage
) -> ResolvedImage | None:
    """The registered image whose newest usable version declares ``image``'s framework: one
    with the same major.minor version first, else the newest version of the framework."""
    with images.database.session() as session:
        rows = session.execute(
            select(ImageRecord.name, ImageVersionRecord.version, ImageVersionRecord.details)
            .join(ImageRecord, ImageRecord.id == ImageVersionRecord.image_id)
            .where(
                ImageRecord.domain == context.domain,
                ImageVersionRecord.status == ImageVersionStatus.CREATED.value,
            )
        ).all()
    candidates: list[tuple[bool, tuple[int, ...], str, int]] = []
    wanted = _minor(image.library_version or "")
    for name, version, details in rows:
        declared = parse_ml_framework(str((details or {}).get("ml_framework") or ""))
        if declared is None or declared[0] != image.name:
            continue
        declared_version = _minor(declared[1])
        candidates.append((declared_version == wanted, declared_version, name, version))
    if not candidates:
        return None
    _, _, name, version = max(candidates)
    return images.resolve(context, name, version)
