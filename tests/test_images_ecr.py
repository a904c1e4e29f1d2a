"""SageMaker image URIs and short names are recognised for any region and partition.

Every URI below was printed by ``sagemaker.image_uris.retrieve`` of sagemaker 2.257.7 and
3.27.0 (the two lines give the same URIs except Hugging Face's transformers patch level)."""

from __future__ import annotations

import pytest

from jupyterlab_mlstudio.images.ecr import (
    EcrImage,
    ImageKind,
    Package,
    Processor,
    Purpose,
    describe_image,
    is_sagemaker_image,
)

# (uri, kind, name, framework version, python, processor, purpose)
SDK_URIS = [
    (
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        ImageKind.FRAMEWORK, "sklearn", "1.2-1", "py3", Processor.CPU, Purpose.BOTH,
    ),
    (
        "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-scikit-learn:1.4-2-cpu-py3",
        ImageKind.FRAMEWORK, "sklearn", "1.4-2", "py3", Processor.CPU, Purpose.BOTH,
    ),
    (
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1-cpu-py310",
        ImageKind.FRAMEWORK, "pytorch", "2.1", "py310", Processor.CPU, Purpose.TRAINING,
    ),
    (
        "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-training:2.1-gpu-py310",
        ImageKind.FRAMEWORK, "pytorch", "2.1", "py310", Processor.GPU, Purpose.TRAINING,
    ),
    (
        "442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/pytorch-inference:2.1-cpu-py310",
        ImageKind.FRAMEWORK, "pytorch", "2.1", "py310", Processor.CPU, Purpose.INFERENCE,
    ),
    (
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.6-cpu-py312",
        ImageKind.FRAMEWORK, "pytorch", "2.6", "py312", Processor.CPU, Purpose.TRAINING,
    ),
    (
        "763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.13-cpu-py310",
        ImageKind.FRAMEWORK, "tensorflow", "2.13", "py310", Processor.CPU, Purpose.TRAINING,
    ),
    (
        "763104351884.dkr.ecr.ap-southeast-2.amazonaws.com/tensorflow-inference:2.13-cpu",
        ImageKind.FRAMEWORK, "tensorflow", "2.13", None, Processor.CPU, Purpose.INFERENCE,
    ),
    (
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        ImageKind.ALGORITHM, "xgboost", "1.7-1", None, None, Purpose.BOTH,
    ),
    (
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:0.90-1-cpu-py3",
        ImageKind.ALGORITHM, "xgboost", "0.90-1", "py3", Processor.CPU, Purpose.BOTH,
    ),
    (
        "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:1",
        ImageKind.ALGORITHM, "xgboost", "1", None, None, Purpose.BOTH,
    ),
    (
        "174872318107.dkr.ecr.us-west-2.amazonaws.com/kmeans:1",
        ImageKind.ALGORITHM, "kmeans", "1", None, None, Purpose.BOTH,
    ),
    (
        "390948362332.dkr.ecr.cn-north-1.amazonaws.com.cn/linear-learner:1",
        ImageKind.ALGORITHM, "linear-learner", "1", None, None, Purpose.BOTH,
    ),
    (
        "226302683700.dkr.ecr.us-gov-west-1.amazonaws.com/pca:1",
        ImageKind.ALGORITHM, "pca", "1", None, None, Purpose.BOTH,
    ),
    (
        "712309505854.dkr.ecr.ap-southeast-2.amazonaws.com/factorization-machines:1",
        ImageKind.ALGORITHM, "factorization-machines", "1", None, None, Purpose.BOTH,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("uri", "kind", "name", "version", "python", "processor", "purpose"), SDK_URIS
)
def test_sdk_uri_is_described_by_repository_and_tag(
    uri: str,
    kind: ImageKind,
    name: str,
    version: str | None,
    python: str | None,
    processor: Processor | None,
    purpose: Purpose,
) -> None:
    # Given a URI the SDK produced; When it is described
    image = describe_image(uri)
    # Then kind, name, version, Python, processor and purpose are what the tag says
    assert image is not None
    assert (image.kind, image.name, image.framework_version) == (kind, name, version)
    assert (image.python_version, image.processor, image.purpose) == (python, processor, purpose)
    assert image.reference == uri


def test_region_account_and_partition_come_from_the_host() -> None:
    china = describe_image(
        "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1"
    )
    gov = describe_image("414596584902.dkr.ecr.us-gov-west-1.amazonaws.com/sagemaker-xgboost:1.7-1")
    assert china is not None and gov is not None
    assert (china.region, china.account, china.partition) == (
        "cn-north-1",
        "450853457545",
        "aws-cn",
    )
    assert (gov.region, gov.partition) == ("us-gov-west-1", "aws")


def test_huggingface_names_transformers_and_its_base_framework() -> None:
    # Given the v2 and v3 spellings of the same Hugging Face image
    v2 = describe_image(
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-training:"
        "2.0-transformers4.28-gpu-py310-cu118-ubuntu20.04"
    )
    v3 = describe_image(
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:"
        "2.0-transformers4.28.1-cpu-py310-ubuntu20.04"
    )
    assert v2 is not None and v3 is not None
    # Then the framework version is transformers', the base is PyTorch's
    assert (v2.name, v2.framework_version, v2.processor) == ("huggingface", "4.28", Processor.GPU)
    assert (v2.base_framework, v2.base_framework_version) == ("pytorch", "2.0")
    assert (v3.framework_version, v3.purpose, v3.python_version) == (
        "4.28.1",
        Purpose.INFERENCE,
        "py310",
    )
    assert v3.packages == (
        Package("transformers", "transformers", "4.28.1"),
        Package("torch", "torch", "2.0"),
    )


def test_newer_deep_learning_container_tags_keep_their_full_version() -> None:
    image = describe_image(
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:"
        "2.5.1-cpu-py311-ubuntu22.04-sagemaker"
    )
    assert image is not None
    assert (image.framework_version, image.python_version, image.processor) == (
        "2.5.1",
        "py311",
        Processor.CPU,
    )


def test_library_version_drops_sagemakers_build_suffix() -> None:
    sklearn = describe_image(
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
    )
    assert sklearn is not None
    assert sklearn.library_version == "1.2"
    assert sklearn.packages == (Package("sklearn", "scikit-learn", "1.2"),)


@pytest.mark.parametrize(
    ("reference", "name", "repository", "version"),
    [
        ("xgboost", "xgboost", "sagemaker-xgboost", None),
        ("xgboost:1.7-1", "xgboost", "sagemaker-xgboost", "1.7-1"),
        ("kmeans", "kmeans", "kmeans", None),
        ("linear-learner:1", "linear-learner", "linear-learner", "1"),
        ("pca", "pca", "pca", None),
    ],
)
def test_short_names_name_the_built_in_algorithms(
    reference: str, name: str, repository: str, version: str | None
) -> None:
    image = describe_image(reference)
    assert image is not None
    assert (image.kind, image.name, image.repository) == (ImageKind.ALGORITHM, name, repository)
    assert image.framework_version == version
    assert image.region is None and image.partition is None


def test_xgboost_runs_scripts_but_other_algorithms_do_not() -> None:
    xgb = describe_image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
    kmeans = describe_image("kmeans")
    sklearn = describe_image(
        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
    )
    assert xgb is not None and kmeans is not None and sklearn is not None
    assert (xgb.script_mode, kmeans.script_mode, sklearn.script_mode) == (True, False, True)
    assert kmeans.packages == ()


@pytest.mark.parametrize(
    "reference",
    [
        "python:3.11-slim",
        "default",
        "my-own-image:latest",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-team/trainer:3",
        "763104351884.dkr.ecr.us-west-2.amazonaws.com.evil.example/pytorch-training:2.1-cpu-py310",
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:bad tag",
        "sklearn:1.2-1",
        "",
    ],
)
def test_other_references_are_not_sagemaker_images(reference: str) -> None:
    assert describe_image(reference) is None
    assert not is_sagemaker_image(reference)


def test_digest_references_are_recognised_without_a_version() -> None:
    image = describe_image(
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-inference@sha256:" + "a" * 64
    )
    assert isinstance(image, EcrImage)
    assert (image.name, image.framework_version, image.tag) == ("pytorch", None, None)
