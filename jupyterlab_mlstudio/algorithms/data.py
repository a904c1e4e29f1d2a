"""Reading a training channel: CSV (no header; the label in the first column when
``label_size`` is 1), libsvm, and RecordIO-protobuf.

A channel's content type comes from its ``ContentType`` in ``inputdataconfig.json``; a
channel without one (the SDK's ``record_set()`` sends none) is the algorithm's first type.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import recordio
from .spec import ClientError

CSV = "text/csv"
LIBSVM = "text/libsvm"
RECORDIO = recordio.CONTENT_TYPE

_ALIASES = {
    "csv": CSV,
    "text/csv": CSV,
    "libsvm": LIBSVM,
    "text/libsvm": LIBSVM,
    "text/x-libsvm": LIBSVM,
    "application/x-recordio-protobuf": RECORDIO,
    "recordio-protobuf": RECORDIO,
}


@dataclass(frozen=True)
class ContentType:
    """A channel's content type and its ``label_size`` parameter (``None``: not given)."""

    kind: str
    label_size: int | None = None


def content_type(value: str | None, accepted: tuple[str, ...], channel: str) -> ContentType:
    """``value`` (``text/csv;label_size=0``, ``libsvm``, ...) checked against ``accepted``."""
    if not value:
        return ContentType(accepted[0])
    kind, *parameters = [part.strip() for part in value.split(";")]
    normal = _ALIASES.get(kind.lower())
    if normal is None or normal not in accepted:
        raise ClientError(
            f"Content type {value} of channel {channel} is not supported: use one of "
            f"{', '.join(accepted)}"
        )
    label_size = None
    for parameter in parameters:
        name, _, number = parameter.partition("=")
        if name.strip().lower() == "label_size":
            try:
                label_size = int(number)
            except ValueError as error:
                raise ClientError(f"{value}: label_size must be an integer") from error
            if label_size not in (0, 1):
                raise ClientError(
                    f"{value} is not an accepted csv ContentType: label_size must be 0 or 1"
                )
    return ContentType(normal, label_size)


def data_files(folder: str) -> list[Path]:
    """The channel's files, hidden ones and manifests left out, in name order."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".manifest"):
                continue
            found.append(Path(root) / name)
    if not found:
        raise ClientError(f"No data files found in channel folder {folder}")
    return found


@dataclass
class Dataset:
    """A channel's rows: ``features`` (2-d float array, or a scipy sparse matrix for libsvm),
    ``labels`` and ``weights`` (1-d arrays or ``None``)."""

    features: Any
    labels: Any | None = None
    weights: Any | None = None

    @property
    def rows(self) -> int:
        return int(self.features.shape[0])

    @property
    def width(self) -> int:
        return int(self.features.shape[1])


def _read_csv(files: list[Path], label_size: int, weights: bool) -> Dataset:
    import numpy as np

    blocks = []
    for path in files:
        try:
            block = np.loadtxt(path, delimiter=",", ndmin=2, dtype=np.float64)
        except ValueError as error:
            raise ClientError(
                f"Failed to load csv data from {path.name}: {error} (CSV without a header, "
                "numbers only)"
            ) from error
        if block.size:
            blocks.append(block)
    if not blocks:
        raise ClientError("The channel's CSV files hold no rows")
    widths = {block.shape[1] for block in blocks}
    if len(widths) > 1:
        raise ClientError(f"The CSV files have different numbers of columns: {sorted(widths)}")
    table = np.vstack(blocks)
    skip = label_size + (1 if weights else 0)
    if table.shape[1] <= skip:
        raise ClientError(f"The CSV rows have {table.shape[1]} column(s): no features left")
    labels = table[:, 0] if label_size else None
    weight = table[:, label_size] if weights else None
    return Dataset(table[:, skip:], labels, weight)


def _read_recordio(files: list[Path]) -> Dataset:
    records = []
    for path in files:
        try:
            records.extend(recordio.read_records(path.read_bytes()))
        except recordio.RecordFormatError as error:
            raise ClientError(
                f"Failed to load recordio-protobuf data from {path.name}: {error}"
            ) from error
    if not records:
        raise ClientError("The channel's RecordIO-protobuf files hold no records")
    try:
        features, labels = recordio.to_arrays(records)
    except recordio.RecordFormatError as error:
        raise ClientError(f"Failed to load recordio-protobuf data: {error}") from error
    return Dataset(features, labels)


def _read_libsvm(files: list[Path], width: int | None) -> Dataset:
    from sklearn.datasets import load_svmlight_files

    try:
        loaded = load_svmlight_files([str(path) for path in files], n_features=width)
    except ValueError as error:
        raise ClientError(f"Failed to load libsvm data: {error}") from error
    import numpy as np
    import scipy.sparse as sparse

    features = sparse.vstack(loaded[0::2]).tocsr()
    labels = np.concatenate(loaded[1::2])
    return Dataset(features, labels)


def read_channel(
    folder: str,
    kind: ContentType,
    *,
    default_label_size: int,
    weights: bool = False,
    width: int | None = None,
) -> Dataset:
    """The rows of the channel in ``folder``."""
    files = data_files(folder)
    if kind.kind == RECORDIO:
        return _read_recordio(files)
    if kind.kind == LIBSVM:
        return _read_libsvm(files, width)
    label_size = default_label_size if kind.label_size is None else kind.label_size
    return _read_csv(files, label_size, weights)
