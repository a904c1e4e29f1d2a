"""Models served without inference code: scikit-learn (joblib or pickle), XGBoost, PyTorch.

Runs inside the unit. ``load_model`` finds the model file in the model folder by its name;
``predict`` calls whatever the loaded object is (an ``nn.Module`` on the unit's device, an
XGBoost ``Booster`` through a ``DMatrix``, anything with ``predict``). PyTorch models run on the
GPU when the instance type has one and torch sees it; otherwise on the CPU, said once in the
log.
"""

from __future__ import annotations

import os
import pickle
import warnings
import zipfile
from pathlib import Path
from typing import Any

from .codecs import InferenceError

TORCH_SUFFIXES = (".pt", ".pth", ".torchscript")
XGBOOST_NAMES = ("xgboost-model",)
XGBOOST_SUFFIXES = (".xgb", ".bst", ".ubj")
JOBLIB_SUFFIXES = (".joblib",)
PICKLE_SUFFIXES = (".pkl", ".pickle")
KNOWN = "*.joblib, *.pkl, *.pickle, xgboost-model, *.json, *.ubj, *.bst, *.xgb, *.pt, *.pth"


def _candidates(model_dir: Path) -> list[Path]:
    """Files of the model folder (not its code/), ``model.*`` first, then by name."""
    if not model_dir.is_dir():
        return []
    files = [
        path
        for path in model_dir.rglob("*")
        if path.is_file() and "code" not in path.relative_to(model_dir).parts[:1]
    ]
    return sorted(files, key=lambda path: (path.stem != "model", len(path.parts), str(path)))


def find_model_file(model_dir: Path) -> tuple[str, Path]:
    """(format, file) of the model in ``model_dir``: ``torch``, ``xgboost``, ``joblib`` or
    ``pickle``. Raises ``InferenceError`` naming what it looked for."""
    files = _candidates(model_dir)
    for path in files:
        name = path.name.lower()
        if name.endswith(TORCH_SUFFIXES):
            return "torch", path
        if name in XGBOOST_NAMES or name.endswith(XGBOOST_SUFFIXES):
            return "xgboost", path
        if name.endswith(JOBLIB_SUFFIXES):
            return "joblib", path
        if name.endswith(PICKLE_SUFFIXES):
            return "pickle", path
    for path in files:
        if path.suffix == ".json" and _is_xgboost_json(path):
            return "xgboost", path
    listed = ", ".join(str(path.relative_to(model_dir)) for path in files[:10]) or "nothing"
    raise InferenceError(
        500,
        f"No model file in {model_dir} (looked for {KNOWN}; found {listed}). Give the model an "
        "inference.py with model_fn to load anything else.",
    )


def _is_xgboost_json(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"learner"' in head


def device() -> tuple[str, str]:
    """(torch device, note for the log): the GPU when the instance type has one and torch sees
    it, else the CPU with the reason."""
    import torch

    instance = os.environ.get("MLSTUDIO_INSTANCE_TYPE", "this instance type")
    wanted = int(os.environ.get("MLSTUDIO_INSTANCE_GPUS", "0") or 0)
    if wanted > 0 and torch.cuda.is_available():
        return "cuda", f"PyTorch model on the GPU ({torch.cuda.get_device_name(0)})"
    if wanted > 0:
        return "cpu", (
            f"Note: {instance} has {wanted} GPU(s), but torch sees no CUDA device here "
            f"(torch {torch.__version__}, CUDA build: {torch.version.cuda or 'none'}); the "
            "model runs on the CPU"
        )
    return "cpu", f"PyTorch model on the CPU ({instance} has no GPU)"


def _load_torch(path: Path) -> Any:
    import torch

    where, note = device()
    print(f"ML Studio serving: {note}", flush=True)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            scripted = any(name.endswith("constants.pkl") for name in archive.namelist())
        if scripted:
            return torch.jit.load(str(path), map_location=where).eval()
    loaded = torch.load(str(path), map_location=where, weights_only=False)
    if isinstance(loaded, torch.nn.Module):
        return loaded.to(where).eval()
    raise InferenceError(
        500,
        f"{path.name} holds a {type(loaded).__name__}, not a TorchScript program or a module: "
        "give the model an inference.py whose model_fn builds the module and loads it",
    )


def load_xgboost(path: Path) -> Any:
    """The Booster saved at ``path``: a saved model (JSON or UBJSON), or a pickled Booster as
    older versions of SageMaker's XGBoost container wrote under the same name."""
    try:
        import xgboost
    except ImportError as error:
        raise InferenceError(
            500, f"{path.name} looks like an XGBoost model, but xgboost is not installed here"
        ) from error
    booster = xgboost.Booster()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # no extension: XGBoost guesses
            booster.load_model(str(path))
    except (xgboost.core.XGBoostError, UnicodeDecodeError):
        # Not a saved model (XGBoost's complaint about a pickle may not even decode).
        with open(path, "rb") as handle:
            return pickle.load(handle)
    return booster


def load_model(model_dir: str) -> Any:
    """The default ``model_fn``."""
    kind, path = find_model_file(Path(model_dir))
    if kind == "torch":
        return _load_torch(path)
    if kind == "xgboost":
        return load_xgboost(path)
    if kind == "joblib":
        import joblib

        return joblib.load(path)
    with open(path, "rb") as handle:
        return pickle.load(handle)


def prepare(model: Any) -> Any:
    """A module that the model's own ``model_fn`` returned goes to the unit's device, in
    evaluation mode, once (the default ``predict_fn`` then feeds it tensors there)."""
    torch = _torch_if_loaded()
    if torch is not None and isinstance(model, torch.nn.Module):
        where, note = device()
        print(f"ML Studio serving: {note}", flush=True)
        return model.to(where).eval()
    return model


def _torch_if_loaded() -> Any:
    import sys

    return sys.modules.get("torch")


def predict(data: Any, model: Any) -> Any:
    """The default ``predict_fn``."""
    torch = _torch_if_loaded()
    if torch is not None and isinstance(model, torch.nn.Module):
        return _predict_torch(torch, data, model)
    xgboost = __import__("sys").modules.get("xgboost")
    if xgboost is not None and isinstance(model, xgboost.Booster):
        matrix = data if isinstance(data, xgboost.DMatrix) else xgboost.DMatrix(data)
        return model.predict(matrix)
    if hasattr(model, "predict"):
        return model.predict(data)
    if callable(model):
        return model(data)
    raise InferenceError(
        500,
        f"The model is a {type(model).__name__}, which has no predict method: give the model "
        "an inference.py with predict_fn",
    )


def _predict_torch(torch: Any, data: Any, model: Any) -> Any:
    import numpy as np

    parameter = next(iter(model.parameters()), None) if hasattr(model, "parameters") else None
    where = parameter.device if parameter is not None else torch.device(device()[0])
    if isinstance(data, torch.Tensor):
        tensor = data
    else:
        array = np.asarray(data)
        if array.dtype.kind == "f":
            array = array.astype(np.float32)
        tensor = torch.from_numpy(np.ascontiguousarray(array))
    with torch.inference_mode():
        output = model(tensor.to(where))
    if isinstance(output, torch.Tensor):
        return output.detach().cpu().numpy()
    return output
