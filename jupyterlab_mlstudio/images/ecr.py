"""Recognise the container images SageMaker's SDK names, for any region and partition.

``sagemaker.image_uris.retrieve(...)`` (both SDK lines) returns
``<account>.dkr.ecr.<region>.<domain>/<repository>:<tag>``; the account differs per region and per
algorithm family, so an image is recognised by its repository and tag alone. Short names
(``xgboost``, ``kmeans``, ``linear-learner``, ``pca``, optionally ``:<version>``) name the same
images without a registry. :func:`describe_image` turns either into an :class:`EcrImage`, or
``None`` when the reference is not one of SageMaker's images (then it is an ordinary image).

Tags seen (sdk 2.257.7 and 3.27.0): ``1.2-1-cpu-py3`` (scikit-learn), ``2.1-cpu-py310`` and
``2.5.1-cpu-py311-ubuntu22.04-sagemaker`` (deep-learning containers), ``2.13-cpu`` (TensorFlow
Serving), ``1.7-1`` and ``0.90-1-cpu-py3`` (XGBoost), ``2.0-transformers4.28.1-gpu-py310-cu118-
ubuntu20.04`` (Hugging Face), ``1`` (built-in algorithms).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # Python 3.10

    class StrEnum(str, Enum):
        """Python 3.11's ``enum.StrEnum``: members compare and print as their values."""

        def __str__(self) -> str:
            return str(self.value)


class ImageKind(StrEnum):
    """Whether an image runs the user's script (a framework) or a built-in algorithm."""

    FRAMEWORK = "framework"
    ALGORITHM = "algorithm"


class Processor(StrEnum):
    """The device an image is built for."""

    CPU = "cpu"
    GPU = "gpu"
    NEURON = "neuron"


class Purpose(StrEnum):
    """What an image is for; ``BOTH`` when one image trains and serves (scikit-learn, XGBoost,
    the built-in algorithms)."""

    TRAINING = "training"
    INFERENCE = "inference"
    BOTH = "both"


@dataclass(frozen=True)
class Package:
    """A Python distribution an image's framework needs: its import name, its name on PyPI, and
    the version the image pins (``None`` when the reference names none)."""

    module: str
    distribution: str
    version: str | None


@dataclass(frozen=True)
class EcrImage:
    """What a SageMaker image reference names.

    ``framework_version`` is SageMaker's own spelling (``1.2-1``, ``2.1``, ``4.28.1`` for Hugging
    Face's transformers); ``library_version`` is the upstream library's (``1.2``). ``region``,
    ``account`` and ``partition`` are ``None`` for short names."""

    reference: str
    kind: ImageKind
    name: str
    repository: str
    tag: str | None
    framework_version: str | None
    python_version: str | None
    processor: Processor | None
    purpose: Purpose
    region: str | None = None
    account: str | None = None
    partition: str | None = None
    base_framework: str | None = None
    base_framework_version: str | None = None

    @property
    def library_version(self) -> str | None:
        """The upstream version (SageMaker's ``1.2-1`` is scikit-learn ``1.2``)."""
        if self.framework_version is None:
            return None
        return self.framework_version.split("-", 1)[0]

    @property
    def script_mode(self) -> bool:
        """Whether the image runs a user's entry point (``sagemaker_program``); XGBoost's image
        does both, as an algorithm and as a framework."""
        return self.kind is ImageKind.FRAMEWORK or self.repository == "sagemaker-xgboost"

    @property
    def trains(self) -> bool:
        """Whether the image is meant for training jobs."""
        return self.purpose in (Purpose.TRAINING, Purpose.BOTH)

    @property
    def serves(self) -> bool:
        """Whether the image is meant for serving (endpoints, transform)."""
        return self.purpose in (Purpose.INFERENCE, Purpose.BOTH)

    @property
    def gpu(self) -> bool:
        """Whether the image needs a GPU."""
        return self.processor is Processor.GPU

    @property
    def packages(self) -> tuple[Package, ...]:
        """The Python distributions the framework needs (empty for built-in algorithms other
        than XGBoost, which this server implements itself)."""
        found = _PACKAGES.get(self.name)
        if found is None:
            return ()
        packages = [Package(found[0], found[1], self.library_version)]
        if self.base_framework is not None and self.base_framework in _PACKAGES:
            module, distribution = _PACKAGES[self.base_framework]
            packages.append(Package(module, distribution, self.base_framework_version))
        return tuple(packages)


@dataclass(frozen=True)
class _Repository:
    kind: ImageKind
    name: str
    purpose: Purpose
    base_framework: str | None = None


# Import name and PyPI name of each framework's library.
_PACKAGES: dict[str, tuple[str, str]] = {
    "sklearn": ("sklearn", "scikit-learn"),
    "pytorch": ("torch", "torch"),
    "tensorflow": ("tensorflow", "tensorflow"),
    "xgboost": ("xgboost", "xgboost"),
    "mxnet": ("mxnet", "mxnet"),
    "chainer": ("chainer", "chainer"),
    "huggingface": ("transformers", "transformers"),
}

_F, _A = ImageKind.FRAMEWORK, ImageKind.ALGORITHM
_T, _I, _B = Purpose.TRAINING, Purpose.INFERENCE, Purpose.BOTH

_REPOSITORIES: dict[str, _Repository] = {
    "sagemaker-scikit-learn": _Repository(_F, "sklearn", _B),
    "sagemaker-xgboost": _Repository(_A, "xgboost", _B),
    "pytorch-training": _Repository(_F, "pytorch", _T),
    "pytorch-inference": _Repository(_F, "pytorch", _I),
    "pytorch-inference-graviton": _Repository(_F, "pytorch", _I),
    "sagemaker-pytorch": _Repository(_F, "pytorch", _B),
    "tensorflow-training": _Repository(_F, "tensorflow", _T),
    "tensorflow-inference": _Repository(_F, "tensorflow", _I),
    "tensorflow-inference-graviton": _Repository(_F, "tensorflow", _I),
    "sagemaker-tensorflow": _Repository(_F, "tensorflow", _B),
    "sagemaker-tensorflow-scriptmode": _Repository(_F, "tensorflow", _T),
    "sagemaker-tensorflow-serving": _Repository(_F, "tensorflow", _I),
    "mxnet-training": _Repository(_F, "mxnet", _T),
    "mxnet-inference": _Repository(_F, "mxnet", _I),
    "sagemaker-mxnet": _Repository(_F, "mxnet", _B),
    "sagemaker-mxnet-serving": _Repository(_F, "mxnet", _I),
    "sagemaker-chainer": _Repository(_F, "chainer", _B),
    "huggingface-pytorch-training": _Repository(_F, "huggingface", _T, "pytorch"),
    "huggingface-pytorch-inference": _Repository(_F, "huggingface", _I, "pytorch"),
    "huggingface-tensorflow-training": _Repository(_F, "huggingface", _T, "tensorflow"),
    "huggingface-tensorflow-inference": _Repository(_F, "huggingface", _I, "tensorflow"),
}

# SageMaker's built-in algorithms: repository name = the name `image_uris.retrieve` takes.
BUILTIN_ALGORITHMS = (
    "blazingtext",
    "factorization-machines",
    "forecasting-deepar",
    "image-classification",
    "ipinsights",
    "kmeans",
    "knn",
    "lda",
    "linear-learner",
    "ntm",
    "object-detection",
    "object2vec",
    "pca",
    "randomcutforest",
    "semantic-segmentation",
    "seq2seq",
    "xgboost",  # the legacy built-in (tag "1"); current XGBoost is sagemaker-xgboost
)
for _name in BUILTIN_ALGORITHMS:
    _REPOSITORIES[_name] = _Repository(_A, _name, _B)

# Short names: the name `image_uris.retrieve` takes, without a registry.
# Only the algorithms: a framework's short name ("pytorch") is too likely an image of one's own.
_SHORT_NAMES: dict[str, str] = {name: name for name in BUILTIN_ALGORITHMS}
_SHORT_NAMES["xgboost"] = "sagemaker-xgboost"

_DOMAINS: dict[str, str] = {
    "amazonaws.com": "aws",
    "amazonaws.com.cn": "aws-cn",
    "c2s.ic.gov": "aws-iso",
    "sc2s.sgov.gov": "aws-iso-b",
}

_ECR = re.compile(
    r"^(?P<account>\d{12})\.dkr\.ecr(?:-fips)?\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)\."
    r"(?P<domain>amazonaws\.com(?:\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov)/"
    r"(?P<repository>[a-z0-9][a-z0-9._/-]*?)"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(?:@(?P<digest>sha256:[0-9a-f]{64}))?$"
)
_SHORT = re.compile(
    r"^(?P<name>[a-z0-9][a-z0-9-]*)(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$"
)
_VERSION = re.compile(r"^\d+(?:\.\d+)*$")
_PYTHON = re.compile(r"^py\d+$")
_PROCESSORS = {
    "cpu": Processor.CPU,
    "gpu": Processor.GPU,
    "neuron": Processor.NEURON,
    "neuronx": Processor.NEURON,
    "inf": Processor.NEURON,
    "inf1": Processor.NEURON,
    "inf2": Processor.NEURON,
}
_TRANSFORMERS = re.compile(r"^transformers(?P<version>\d+(?:\.\d+)*)$")


@dataclass(frozen=True)
class _Tag:
    version: str | None
    python: str | None
    processor: Processor | None
    transformers: str | None


def _parse_tag(tag: str | None) -> _Tag:
    """Split a tag into version, Python, processor (and transformers version, for Hugging Face).

    The version is every leading token that is a number (``1.2-1`` keeps SageMaker's build
    suffix); the rest (``cu118``, ``ubuntu20.04``, ``sagemaker``) says nothing we use."""
    if not tag or tag == "latest":
        return _Tag(None, None, None, None)
    version: list[str] = []
    python: str | None = None
    processor: Processor | None = None
    transformers: str | None = None
    leading = True
    for token in tag.split("-"):
        if leading and _VERSION.match(token):
            version.append(token)
            continue
        leading = False
        match = _TRANSFORMERS.match(token)
        if match:
            transformers = match.group("version")
        elif token in _PROCESSORS and processor is None:
            processor = _PROCESSORS[token]
        elif _PYTHON.match(token) and python is None:
            python = token
    return _Tag("-".join(version) or None, python, processor, transformers)


def _describe(
    reference: str,
    repository: str,
    tag: str | None,
    region: str | None = None,
    account: str | None = None,
    partition: str | None = None,
) -> EcrImage | None:
    known = _REPOSITORIES.get(repository)
    if known is None:
        return None
    parsed = _parse_tag(tag)
    version, base_version = parsed.version, None
    if known.base_framework is not None:
        # Hugging Face tags lead with the base framework's version: 2.0-transformers4.28-...
        version, base_version = parsed.transformers, parsed.version
    return EcrImage(
        reference=reference,
        kind=known.kind,
        name=known.name,
        repository=repository,
        tag=tag,
        framework_version=version,
        python_version=parsed.python,
        processor=parsed.processor,
        purpose=known.purpose,
        region=region,
        account=account,
        partition=partition,
        base_framework=known.base_framework,
        base_framework_version=base_version,
    )


def describe_image(reference: str) -> EcrImage | None:
    """What a SageMaker image URI or short name names, or ``None`` for any other image."""
    reference = reference.strip()
    match = _ECR.match(reference)
    if match is not None:
        return _describe(
            reference,
            match.group("repository"),
            match.group("tag"),
            region=match.group("region"),
            account=match.group("account"),
            partition=_DOMAINS[match.group("domain")],
        )
    short = _SHORT.match(reference)
    if short is not None and short.group("name") in _SHORT_NAMES:
        return _describe(reference, _SHORT_NAMES[short.group("name")], short.group("tag"))
    return None


def is_sagemaker_image(reference: str) -> bool:
    """Whether a reference names one of SageMaker's framework or algorithm images."""
    return describe_image(reference) is not None
