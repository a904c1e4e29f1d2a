"""The samples: notebooks in this folder, each with the launcher's words for it.

The notebooks themselves are the documentation of each flow; this module only names them.
``tests/test_sdk_samples.py`` runs every one of them end to end, so a sample listed here
must run unchanged in a studio kernel of the SageMaker SDK's v2 line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import NotFound

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sample:
    """One sample notebook: its file in this folder, a title and a sentence for the launcher."""

    file: str
    title: str
    description: str


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "kmeans_digits.ipynb",
        "k-means on handwritten digits",
        "Built-in k-means with k=10 on scikit-learn's digits, deployed to an endpoint that "
        "clusters 100 validation images, shown cluster by cluster.",
    ),
    Sample(
        "xgboost_tuning_breast_cancer.ipynb",
        "XGBoost, tuned",
        "Built-in XGBoost on the breast cancer data, a tuning job over eta, max_depth, alpha "
        "and num_round, and the best model deployed and evaluated.",
    ),
    Sample(
        "pytorch_digits_experiments.ipynb",
        "Your own PyTorch script",
        "A PyTorch training script on digits in two runs of an experiment, compared, and the "
        "better model deployed and invoked.",
    ),
    Sample(
        "processing_then_training.ipynb",
        "Processing, then training",
        "A scikit-learn processing job prepares the wine data that a built-in XGBoost "
        "training job then learns from.",
    ),
    Sample(
        "batch_transform_csv.ipynb",
        "Batch transform over a CSV",
        "The built-in linear learner scores a CSV file of patients with a batch transform job.",
    ),
)


def find(file: str) -> Sample:
    """The sample of ``file`` (``NotFound`` naming the samples there are)."""
    for sample in SAMPLES:
        if sample.file == file:
            return sample
    raise NotFound(
        f"No sample named {file!r}; the samples are {', '.join(s.file for s in SAMPLES)}",
        field="name",
    )


def sample_path(file: str) -> Path:
    """Where the notebook of sample ``file`` is (only names the catalogue lists)."""
    return FOLDER / find(file).file
