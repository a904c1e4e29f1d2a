"""The serving side of a built-in algorithm: the ``model_fn`` and ``transform_fn`` a serving
unit uses when its model came from (or names) a built-in algorithm.

Requests: ``text/csv`` (rows of features, no label), ``application/json``
(``{"instances": [{"features": [...]}, ...]}``, ``{"instances": [{"data": {"features":
{"values": [...]}}}]}``, or a list of rows), ``application/jsonlines`` (one such instance or
row a line), ``application/x-recordio-protobuf`` (the SDK's ``RecordSerializer``), and
``text/libsvm`` for XGBoost. Responses: JSON (``{"predictions": [...]}``, PCA
``{"projections": [...]}``), JSON Lines, CSV (one row a line) and RecordIO-protobuf (each
row's outputs in the record's ``label`` map, as the SDK's ``RecordDeserializer`` reads them).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
from pathlib import Path
from typing import Any

from ..serving.codecs import InferenceError, accepted, media_type
from . import recordio
from .catalogue import get
from .train import MARKER, load_saved

ENVIRONMENT_KEY = "MLSTUDIO_ALGORITHM"
JSON = "application/json"
JSONLINES = "application/jsonlines"
CSV = "text/csv"
LIBSVM = ("text/libsvm", "text/x-libsvm")
RECORDIO = recordio.CONTENT_TYPE
WRITABLE = (JSON, JSONLINES, CSV, RECORDIO)


def algorithm_of(model_dir: str, environ: dict[str, str] | None = None) -> str | None:
    """The built-in algorithm that serves the model: the unit's ``MLSTUDIO_ALGORITHM`` (set
    when the model's image is an algorithm's), else the marker its training wrote."""
    env = os.environ if environ is None else environ
    named = env.get(ENVIRONMENT_KEY)
    if named:
        return named
    try:
        marker = json.loads((Path(model_dir) / MARKER).read_text())
    except (OSError, ValueError):
        return None
    return str(marker.get("algorithm") or "") or None


def default_accept(name: str) -> str:
    algorithm = get(name)
    return algorithm.default_accept if algorithm is not None else JSON


def hooks(name: str) -> dict[str, Any]:
    """``model_fn`` and ``transform_fn`` of algorithm ``name``."""
    algorithm = get(name)
    if algorithm is None:
        raise RuntimeError(f"{ENVIRONMENT_KEY}={name} names no built-in algorithm")
    module = importlib.import_module(algorithm.module)

    loader = getattr(module, "load", None) or load_saved

    def model_fn(model_dir: str) -> Any:
        return loader(model_dir)

    def transform_fn(model: Any, data: Any, content_type: str, accept: str) -> tuple[bytes, str]:
        features = decode(data, content_type, xgboost=algorithm.name == "xgboost")
        kind = _writable(accept, algorithm.default_accept)
        outputs = module.predict(model, features)
        key = getattr(module, "RESPONSE_KEY", "predictions")
        lists = module.csv_lists() if hasattr(module, "csv_lists") else "flat"
        return encode(outputs, kind, key, csv_lists=lists), kind

    return {"model_fn": model_fn, "transform_fn": transform_fn}


def _writable(accept: str, default: str) -> str:
    wanted = accepted(accept, default)
    for kind in wanted:
        if kind in WRITABLE:
            return kind
    raise InferenceError(
        406, f"Accept type {', '.join(wanted)} is not supported: use one of {', '.join(WRITABLE)}"
    )


# -- requests ------------------------------------------------------------------------------


def _instance(item: Any) -> Any:
    if isinstance(item, dict):
        if "features" in item:
            return item["features"]
        inner = (
            item.get("data", {}).get("features", {}) if isinstance(item.get("data"), dict) else {}
        )
        if isinstance(inner, dict) and "values" in inner:
            return inner["values"]
        raise ValueError("an instance needs 'features' or 'data.features.values'")
    return item


def decode(data: Any, content_type: str, *, xgboost: bool = False) -> Any:
    """The request's rows as a 2-d float array (a sparse matrix for libsvm)."""
    import numpy as np

    kind = media_type(content_type) or CSV
    try:
        if kind == CSV:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            rows = [line for line in text.splitlines() if line.strip()]
            return np.loadtxt(rows, delimiter=",", ndmin=2, dtype=np.float64)
        if kind in (JSON, JSONLINES):
            text = data.decode("utf-8") if isinstance(data, bytes) else data
            if kind == JSON:
                body = json.loads(text)
                items = body.get("instances") if isinstance(body, dict) else body
                if isinstance(body, dict) and items is None and "features" in body:
                    items = [body]
            else:
                items = [json.loads(line) for line in text.splitlines() if line.strip()]
            if not isinstance(items, list):
                raise ValueError('expected {"instances": [...]} or a list of rows')
            rows = [_instance(item) for item in items]
            if rows and not isinstance(rows[0], list):
                rows = [rows]  # one row given as a flat list
            return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
        if kind == RECORDIO:
            raw = data if isinstance(data, bytes) else data.encode()
            features, _labels = recordio.to_arrays(recordio.read_records(raw))
            return features
        if kind in LIBSVM and xgboost:
            return _libsvm(data)
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as error:
        raise InferenceError(400, f"Could not read the {kind} body: {error}") from error
    readable = [CSV, JSON, JSONLINES, RECORDIO, *(LIBSVM[:1] if xgboost else ())]
    raise InferenceError(
        415, f"Content type {kind} is not supported: send one of {', '.join(readable)}"
    )


def _libsvm(data: Any) -> Any:
    import io

    from sklearn.datasets import load_svmlight_file

    raw = data if isinstance(data, bytes) else data.encode()
    lines = [line for line in raw.splitlines() if line.strip()]
    # Inference rows may come without a label: give each one a 0 label to parse them.
    fixed = b"\n".join(line if b":" not in line.split()[0] else b"0 " + line for line in lines)
    features, _labels = load_svmlight_file(io.BytesIO(fixed), zero_based="auto")
    return features


# -- responses -----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def encode(
    outputs: list[dict[str, Any]], kind: str, key: str = "predictions", csv_lists: str = "flat"
) -> bytes:
    """Per-row outputs in ``kind``. In CSV a list value takes one cell per item (``flat``), or
    one quoted cell ``"[a, b]"`` (``bracketed``)."""
    rows = [{name: _plain(value) for name, value in row.items()} for row in outputs]
    if kind == JSON:
        return json.dumps({key: rows}).encode()
    if kind == JSONLINES:
        return "".join(json.dumps(row) + "\n" for row in rows).encode()
    if kind == CSV and csv_lists == "bracketed":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in rows:
            writer.writerow(
                f"[{', '.join(str(item) for item in value)}]" if isinstance(value, list) else value
                for value in row.values()
            )
        return buffer.getvalue().encode()
    if kind == CSV:
        lines = []
        for row in rows:
            cells: list[str] = []
            for value in row.values():
                cells.extend(str(item) for item in (value if isinstance(value, list) else [value]))
            lines.append(",".join(cells))
        return ("\n".join(lines) + "\n").encode()
    out = bytearray()
    for row in rows:
        label = {name: value if isinstance(value, list) else [value] for name, value in row.items()}
        out += recordio.encode_record(label=label)
    return bytes(out)
