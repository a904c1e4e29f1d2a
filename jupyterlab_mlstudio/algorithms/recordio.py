"""RecordIO-protobuf: the format the SageMaker SDK's ``record_set()`` writes and its
``RecordSerializer``/``RecordDeserializer`` send and expect.

A stream of records, each ``uint32 LE 0xCED7230A`` + ``uint32 LE length`` + the bytes of one
protobuf ``Record`` + zero padding to a multiple of 4. A ``Record`` (package
``aialgs.data``) is ``{map<string, Value> features = 1; map<string, Value> label = 2; ...}``;
a ``Value`` holds one of ``float32_tensor = 2``, ``float64_tensor = 3``, ``int32_tensor = 7``
(``{repeated values = 1; repeated uint64 keys = 2; repeated uint64 shape = 3}``: dense when
``keys`` is empty, else sparse with ``keys`` the column indices and ``shape`` the width).

The project does not depend on the ``protobuf`` package, so the few messages are decoded and
encoded here at the wire level (varints and length-delimited fields); ``tests`` check this
against bytes the real SDK wrote.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAGIC = 0xCED7230A
CONTENT_TYPE = "application/x-recordio-protobuf"

_FLOAT32, _FLOAT64, _INT32 = 2, 3, 7


class RecordFormatError(ValueError):
    """Bytes that are not RecordIO-protobuf."""


@dataclass(frozen=True)
class Tensor:
    """One tensor of a record: ``values`` (a numpy array), sparse ``keys`` and ``shape``."""

    values: Any
    keys: tuple[int, ...] = ()
    shape: tuple[int, ...] = ()

    def dense(self, width: int | None = None) -> Any:
        """The values as a dense 1-d array (sparse ones spread over ``shape`` or ``width``)."""
        import numpy as np

        if not self.keys:
            return np.asarray(self.values, dtype=np.float64).reshape(-1)
        size = int(self.shape[0]) if self.shape else (width or (max(self.keys) + 1))
        row = np.zeros(size, dtype=np.float64)
        row[np.asarray(self.keys, dtype=np.int64)] = self.values
        return row


@dataclass(frozen=True)
class Record:
    """One record: its ``features`` and ``label`` tensors by name."""

    features: dict[str, Tensor]
    label: dict[str, Tensor]


# -- RecordIO framing ----------------------------------------------------------------------


def split_records(data: bytes) -> Iterator[bytes]:
    """The payload of each RecordIO record in ``data``."""
    offset = 0
    total = len(data)
    while offset < total:
        if total - offset < 8:
            raise RecordFormatError(f"truncated record header at byte {offset}")
        magic, length = struct.unpack_from("<II", data, offset)
        if magic != MAGIC:
            raise RecordFormatError(
                f"not RecordIO: expected the magic number 0x{MAGIC:08X} at byte {offset}, "
                f"found 0x{magic:08X}"
            )
        # The top 3 bits of the length word mark split records (never written by the SDK).
        length &= (1 << 29) - 1
        start = offset + 8
        if start + length > total:
            raise RecordFormatError(f"truncated record at byte {offset}")
        yield data[start : start + length]
        offset = start + length + (-length % 4)


def frame(payload: bytes) -> bytes:
    return struct.pack("<II", MAGIC, len(payload)) + payload + b"\x00" * (-len(payload) % 4)


# -- protobuf wire format ------------------------------------------------------------------


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if offset >= len(data):
            raise RecordFormatError("truncated varint")
        byte = data[offset]
        offset += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, offset
        shift += 7
        if shift > 63:
            raise RecordFormatError("varint too long")


def _fields(data: bytes) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value): an int for varints and fixed widths' raw bytes for
    32/64-bit fields, the bytes of length-delimited ones."""
    offset = 0
    while offset < len(data):
        key, offset = _varint(data, offset)
        number, wire = key >> 3, key & 7
        value: Any
        if wire == 0:
            value, offset = _varint(data, offset)
        elif wire == 1:
            value, offset = data[offset : offset + 8], offset + 8
        elif wire == 2:
            length, offset = _varint(data, offset)
            if offset + length > len(data):
                raise RecordFormatError("truncated field")
            value, offset = data[offset : offset + length], offset + length
        elif wire == 5:
            value, offset = data[offset : offset + 4], offset + 4
        else:
            raise RecordFormatError(f"unsupported wire type {wire}")
        yield number, wire, value


def _packed_varints(data: bytes) -> list[int]:
    values, offset = [], 0
    while offset < len(data):
        value, offset = _varint(data, offset)
        values.append(value)
    return values


def _tensor(data: bytes, kind: int) -> Tensor:
    import numpy as np

    dtype = {_FLOAT32: "<f4", _FLOAT64: "<f8"}.get(kind)
    chunks: list[Any] = []
    keys: list[int] = []
    shape: list[int] = []
    for number, wire, value in _fields(data):
        if number == 1:
            if dtype is not None:
                chunks.append(np.frombuffer(value, dtype=dtype))
            else:  # int32: varints, packed or one by one; negatives as 64-bit two's complement
                items = _packed_varints(value) if wire == 2 else [value]
                ints = [item - (1 << 64) if item >= 1 << 63 else item for item in items]
                chunks.append(np.asarray(ints, dtype=np.int64))
        elif number in (2, 3):
            target = keys if number == 2 else shape
            target.extend(_packed_varints(value) if wire == 2 else [value])
    values = np.concatenate(chunks) if chunks else np.zeros(0)
    return Tensor(values.astype(np.float64), tuple(keys), tuple(shape))


def _value(data: bytes) -> Tensor | None:
    for number, _wire, value in _fields(data):
        if number in (_FLOAT32, _FLOAT64, _INT32):
            return _tensor(value, number)
    return None  # a bytes value: not numeric, ignored


def _map_entry(data: bytes) -> tuple[str, Tensor | None]:
    key, tensor = "", None
    for number, _wire, value in _fields(data):
        if number == 1:
            key = bytes(value).decode("utf-8")
        elif number == 2:
            tensor = _value(value)
    return key, tensor


def parse_record(payload: bytes) -> Record:
    features: dict[str, Tensor] = {}
    label: dict[str, Tensor] = {}
    for number, _wire, value in _fields(payload):
        if number in (1, 2):
            key, tensor = _map_entry(value)
            if tensor is not None:
                (features if number == 1 else label)[key] = tensor
    return Record(features, label)


def read_records(data: bytes) -> list[Record]:
    """Every record in ``data``; ``RecordFormatError`` when it is not RecordIO-protobuf."""
    return [parse_record(payload) for payload in split_records(data)]


def to_arrays(records: Sequence[Record]) -> tuple[Any, Any | None]:
    """(features as a 2-d float array, labels as a 1-d array or ``None`` when no record has
    one) of records whose ``features["values"]`` hold each row."""
    import numpy as np

    if not records:
        return np.zeros((0, 0)), None
    widths = [
        int(record.features["values"].shape[0])
        for record in records
        if "values" in record.features and record.features["values"].shape
    ]
    width = max(widths) if widths else None
    rows = []
    for index, record in enumerate(records):
        tensor = record.features.get("values")
        if tensor is None:
            raise RecordFormatError(f"record {index} has no features named 'values'")
        rows.append(tensor.dense(width))
    sizes = {len(row) for row in rows}
    if len(sizes) > 1:
        raise RecordFormatError(f"records have different numbers of features: {sorted(sizes)}")
    labels = None
    if any("values" in record.label for record in records):
        labels = np.asarray(
            [record.label["values"].dense()[0] for record in records], dtype=np.float64
        )
    return np.vstack(rows), labels


# -- writing -------------------------------------------------------------------------------


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | 2) + _encode_varint(len(payload)) + payload


def _float32_tensor(values: Any) -> bytes:
    import numpy as np

    array = np.asarray(values, dtype="<f4").reshape(-1)
    return _field(1, array.tobytes())


def encode_record(
    features: Mapping[str, Any] | None = None, label: Mapping[str, Any] | None = None
) -> bytes:
    """One framed record whose tensors are float32 (as the algorithms answer)."""
    payload = b""
    for number, tensors in ((1, features or {}), (2, label or {})):
        for key, values in tensors.items():
            entry = _field(1, key.encode()) + _field(2, _field(_FLOAT32, _float32_tensor(values)))
            payload += _field(number, entry)
    return frame(payload)


def write_rows(features: Any, labels: Any | None = None) -> bytes:
    """Rows (and labels) as the SDK's ``record_set()`` writes dense data."""
    out = bytearray()
    for index, row in enumerate(features):
        label = None if labels is None else {"values": [labels[index]]}
        out += encode_record({"values": row}, label)
    return bytes(out)
