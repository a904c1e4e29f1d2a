"""SageMaker's built-in algorithms, implemented on XGBoost and scikit-learn: XGBoost, k-means,
linear learner and PCA.

- ``spec.py``: what an algorithm declares (hyperparameters with types, ranges, defaults and
  tunability; metrics with their regexes and objectives; channels; content types) and the
  validation that fails a job with SageMaker's words. Standard library only: the server reads
  the declarations for training and tuning jobs.
- ``catalogue.py``: the algorithms by name, and which one a training or model image means.
- ``xgb.py``, ``kmeans.py``, ``linear_learner.py``, ``pca.py``: one module per algorithm, its
  ``SPEC``, ``train`` (in a training unit) and ``load``/``predict`` (in a serving unit).
- ``train.py``: ``python -m jupyterlab_mlstudio.algorithms train NAME`` in a training unit.
- ``serving.py``: the ``model_fn``/``transform_fn`` a serving unit uses for their models.
- ``data.py``, ``recordio.py``: CSV, libsvm and RecordIO-protobuf channels and bodies.

A job whose image is an algorithm runs on the process backend in the server's own Python,
which needs the ``algorithms`` install extra (xgboost, scikit-learn); or, with
``MLStudioApp.sagemaker_image_backend = 'docker'``, in the image ``mlstudio/algorithms`` that
``scripts/build_images.sh`` builds (its ``train`` and ``serve`` run this package, the algorithm
named by ``MLSTUDIO_ALGORITHM``).
"""

from .catalogue import ALGORITHMS, for_image, get
from .spec import Algorithm, ClientError

__all__ = ["ALGORITHMS", "Algorithm", "ClientError", "for_image", "get"]
