"""The limits MLflow puts on names and values, with MLflow's wording."""

from __future__ import annotations

import math
import posixpath
import re

from ..core.errors import InvalidInput

MAX_KEY_LENGTH = 250
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 8000
MAX_EXPERIMENT_NAME_LENGTH = 500
MAX_METRICS_PER_BATCH = 1000
MAX_PARAMS_TAGS_PER_BATCH = 100
MAX_ENTITIES_PER_BATCH = 1000

_KEY = re.compile(r"^[/\w.\- :]*$")
#: check_key's rules as one pattern, for the OpenAPI document: word characters, '.', '-', ' ',
#: ':' and '/'; no empty, '.' or '..' segment; not starting with '/' or '..', not ending in '/'.
KEY_PATTERN = r"^(?!/)(?!\.\.)(?!.*//)(?!.*/$)(?!(?:.*/)?\.{1,2}(?:/|$))[/\w.\- :]+$"


def check_key(key: str, what: str) -> str:
    """A metric, param or tag name: letters, digits, ``_ - . : /`` and spaces, no ``..``."""
    if not key:
        raise InvalidInput(f"Invalid {what} name: ''. Names may not be empty.", field=what)
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            f"'{what}' exceeds the maximum length of {MAX_KEY_LENGTH} characters", field=what
        )
    if not _KEY.match(key):
        raise InvalidInput(
            f"Invalid {what} name: '{key}'. Names may only contain alphanumerics, underscores (_), "
            "dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).",
            field=what,
        )
    normal = posixpath.normpath(key)
    if normal != key or normal == "." or normal.startswith(("..", "/")):
        raise InvalidInput(
            f"Invalid value '{key}' for parameter 'key' supplied: Names may be treated as files "
            "in certain cases, and must not resolve to other names when treated as such. This "
            f"name would resolve to '{normal}'",
            field=what,
        )
    return key


def check_value(value: str, limit: int, what: str, key: str) -> str:
    if len(value) > limit:
        raise InvalidInput(
            f"{what.capitalize()} value '{value[:50]}...' had length {len(value)}, which exceeded "
            f"length limit of {limit}",
            field=f"{what}s.{key}",
        )
    return value


def check_metric_value(value: float, key: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidInput(f"Got invalid value {value!r} for metric '{key}'", field="value")
    return float(value) if not math.isnan(value) else math.nan


def check_experiment_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("Invalid experiment name: ''", field="name")
    if len(name) > MAX_EXPERIMENT_NAME_LENGTH:
        raise InvalidInput(
            f"'name' exceeds the maximum length of {MAX_EXPERIMENT_NAME_LENGTH} characters",
            field="name",
        )
    return name


def check_batch(metrics: int, params: int, tags: int) -> None:
    """MLflow's log-batch limits: 1000 metrics, 100 params, 100 tags, 1000 in all."""
    if metrics > MAX_METRICS_PER_BATCH:
        raise InvalidInput(
            f"A batch logging request can contain at most {MAX_METRICS_PER_BATCH} metrics. "
            f"Got {metrics} metrics.",
            field="metrics",
        )
    if params > MAX_PARAMS_TAGS_PER_BATCH:
        raise InvalidInput(
            f"A batch logging request can contain at most {MAX_PARAMS_TAGS_PER_BATCH} params. "
            f"Got {params} params.",
            field="params",
        )
    if tags > MAX_PARAMS_TAGS_PER_BATCH:
        raise InvalidInput(
            f"A batch logging request can contain at most {MAX_PARAMS_TAGS_PER_BATCH} tags. "
            f"Got {tags} tags.",
            field="tags",
        )
    if metrics + params + tags > MAX_ENTITIES_PER_BATCH:
        raise InvalidInput(
            f"A batch logging request can contain at most {MAX_ENTITIES_PER_BATCH} metrics, "
            f"params, and tags in total. Got {metrics + params + tags} in total.",
            field="metrics",
        )
