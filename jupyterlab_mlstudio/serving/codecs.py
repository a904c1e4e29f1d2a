"""Content types a serving unit reads and writes when the model brings no ``input_fn`` or
``output_fn`` of its own: JSON, CSV, NPY (and JSON Lines, for batch transform's records).

Runs inside the unit: standard library and numpy only. Refusals are ``InferenceError``s with
the status SageMaker's scikit-learn container gives them: 415 for a content type it cannot
read, 406 for an Accept it cannot write, 400 for a body that is not what its type says.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

JSON = "application/json"
CSV = "text/csv"
NPY = "application/x-npy"
JSONLINES = "application/jsonlines"
ANY = "*/*"

#: Bodies of these types reach ``input_fn`` and ``transform_fn`` as ``str`` (as the inference
#: toolkit hands them); every other type as ``bytes``.
TEXT_TYPES = frozenset({JSON, CSV})
READABLE = (JSON, CSV, NPY, JSONLINES)
WRITABLE = (JSON, CSV, NPY, JSONLINES)


class InferenceError(Exception):
    """A request the unit refuses or a model that failed, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def media_type(header: str | None) -> str:
    """``text/csv; charset=utf-8`` -> ``text/csv``; empty for no header."""
    return (header or "").split(";", 1)[0].strip().lower()


def accepted(header: str | None, default: str) -> list[str]:
    """The types an Accept header asks for, best first; ``*/*`` (or nothing) means
    ``default``."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        kind, _, parameters = part.partition(";")
        kind = kind.strip().lower()
        if not kind:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, default if kind in (ANY, "application/*") else kind))
    if not ranked:
        return [default]
    return [kind for _, _, kind in sorted(ranked)]


def as_text(body: bytes, content_type: str) -> str | bytes:
    """The body as ``input_fn`` gets it: text for JSON and CSV, bytes otherwise."""
    if content_type in TEXT_TYPES:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InferenceError(400, f"The {content_type} body is not UTF-8: {error}") from error
    return body


def decode(data: str | bytes, content_type: str) -> Any:
    """A request body as an array (the default ``input_fn``)."""
    import numpy as np

    if content_type not in READABLE:
        raise InferenceError(
            415,
            f"Content type {content_type or '(none)'} is not supported: send one of "
            f"{', '.join(READABLE)}, or give the model an input_fn",
        )
    text = data.decode("utf-8") if isinstance(data, bytes) and content_type != NPY else data
    try:
        if content_type == JSON:
            return _array(json.loads(text))
        if content_type == JSONLINES:
            lines = [line for line in str(text).splitlines() if line.strip()]
            return _array([json.loads(line) for line in lines])
        if content_type == CSV:
            rows = [line for line in str(text).splitlines() if line.strip()]
            return np.loadtxt(rows, delimiter=",", ndmin=2, dtype=np.float64)
        raw = data if isinstance(data, bytes) else data.encode()
        return np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, TypeError, OSError, UnicodeDecodeError) as error:
        raise InferenceError(400, f"Could not read the {content_type} body: {error}") from error


def _array(value: Any) -> Any:
    """JSON numbers as an array; a ``{"instances": ...}`` or ``{"inputs": ...}`` wrapper is
    unwrapped; anything that is not rectangular stays as it came."""
    import numpy as np

    if isinstance(value, dict):
        for key in ("instances", "inputs"):
            if key in value and len(value) == 1:
                value = value[key]
                break
        else:
            return value
    try:
        array = np.asarray(value)
    except ValueError:
        return value
    return value if array.dtype == object else array


def to_plain(prediction: Any) -> Any:
    """Arrays, tensors and numpy scalars as plain Python values for JSON and CSV."""
    if hasattr(prediction, "detach"):  # a torch tensor
        prediction = prediction.detach().cpu().numpy()
    if hasattr(prediction, "tolist"):
        return prediction.tolist()
    if isinstance(prediction, (list, tuple)):
        return [to_plain(item) for item in prediction]
    if isinstance(prediction, dict):
        return {key: to_plain(item) for key, item in prediction.items()}
    return prediction


def _csv_rows(value: Any) -> Iterable[str]:
    if not isinstance(value, list):
        yield str(value)
        return
    for row in value:
        if isinstance(row, list):
            yield ",".join(str(item) for item in row)
        else:
            yield str(row)


def encode(prediction: Any, content_type: str) -> bytes:
    """A prediction in ``content_type`` (the default ``output_fn``)."""
    import numpy as np

    if content_type == JSON:
        return json.dumps(to_plain(prediction)).encode()
    if content_type == JSONLINES:
        plain = to_plain(prediction)
        rows = plain if isinstance(plain, list) else [plain]
        return "".join(json.dumps(row) + "\n" for row in rows).encode()
    if content_type == CSV:
        return ("\n".join(_csv_rows(to_plain(prediction))) + "\n").encode()
    if content_type == NPY:
        if hasattr(prediction, "detach"):
            prediction = prediction.detach().cpu().numpy()
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(prediction), allow_pickle=False)
        return buffer.getvalue()
    raise InferenceError(406, unwritable([content_type]))


def unwritable(kinds: list[str]) -> str:
    return (
        f"Accept {', '.join(kinds)} is not supported: ask for one of {', '.join(WRITABLE)}, "
        "or give the model an output_fn"
    )


def first_writable(kinds: list[str]) -> str:
    """The first of ``kinds`` the default ``output_fn`` writes; 406 if none."""
    for kind in kinds:
        if kind in WRITABLE:
            return kind
    raise InferenceError(406, unwritable(kinds))
