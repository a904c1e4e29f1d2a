"""Where a model version's files may come from.

A version's source is what every client downloads when it loads the version, so it must name
files this server vouches for: a run's artifacts, a logged model's artifacts, or a store the
server is configured for. MLflow's tracking server refuses the same sources for the same reason,
and the MLflow client expects its error (``INVALID_PARAMETER_VALUE``, "Invalid model version
source"), so every face (MLflow, REST, the Python client through either) gets this one check:

- no relative path parts in any source: a ``..`` segment (also percent-encoded, however often),
  a NUL, or a path that normalises to something else;
- ``runs:/<run_id>/<path>`` names an existing run, the ``run_id`` given if there is one;
- ``models:/<model_id>`` names an existing logged model, the ``model_id`` given if there is one;
  ``models:/<name>/<version or alias>`` an existing registered version;
- an ``mlflow-artifacts:`` URI (or an ``http(s)`` URL of the artifact proxy) and a local path lie
  inside the artifacts of the run named by ``run_id`` or the logged model named by ``model_id``;
  without one of those they are refused;
- any other URI lies inside that run's or model's artifacts, or in an object store the server is
  configured for (``s3://``; ``file://`` only within its allowed folders).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus, urlparse

from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from ..experiments.artifacts import SCHEME as ARTIFACTS_SCHEME

if TYPE_CHECKING:
    from ..experiments.logged_models import LoggedModelService
    from ..experiments.service import ExperimentService
    from ..objects import ObjectStores

_PROXY_ROUTE = "/api/2.0/mlflow-artifacts/artifacts/"
_LOCAL_SCHEMES = ("", "file")
_MODEL_ID = re.compile(r"^m-[0-9a-f]{32}$")


@dataclass(frozen=True)
class Lineage:
    """A checked source and the run or logged model it belongs to."""

    source: str
    run_id: str | None
    model_id: str | None
    #: Where the files are when the source names them indirectly (another registered version,
    #: a logged model), as MLflow keeps it for ``get-download-uri``; else the source itself.
    storage: str | None = None


def _refused(source: str, why: str) -> InvalidInput:
    return InvalidInput(f"Invalid model version source: '{source}'. {why}", field="source")


def _decoded(source: str) -> str:
    """``source`` percent-decoded until it no longer changes (``%252e`` hides ``.``)."""
    for _ in range(10):
        decoded = unquote_plus(source)
        if decoded == source:
            return source
        source = decoded
    raise _refused(source, "It is encoded too many times over.")


def check_relative_parts(source: str) -> None:
    """Refuse a source whose path goes up, holds a NUL or is not already normalised."""
    decoded = _decoded(source)
    path = re.sub(r"/+", "/", urlparse(decoded).path.rstrip("/"))
    segments = re.split(r"[/\\]", decoded)
    normal = posixpath.normpath(path) if path else path
    if "\x00" in decoded or ".." in segments or (path and normal != path):
        raise _refused(
            source,
            "A source must be an absolute location without relative path references "
            "('..', '.', NUL), encoded or not.",
        )


def _parts(uri: str) -> tuple[str, str, list[str]]:
    """(scheme, authority, path segments) of a URI, for an inside-or-not comparison."""
    parsed = urlparse(uri)
    return parsed.scheme.lower(), parsed.netloc, [part for part in parsed.path.split("/") if part]


def _artifact_path(uri: str) -> list[str] | None:
    """The path segments under the artifact root of an artifact-proxy URI, else ``None``."""
    scheme, _, segments = _parts(uri)
    if f"{scheme}:" == ARTIFACTS_SCHEME:
        return segments
    if scheme in ("http", "https"):
        path = urlparse(uri).path
        if _PROXY_ROUTE in path:
            return [part for part in path.split(_PROXY_ROUTE, 1)[1].split("/") if part]
    return None


def is_inside(source: str, root: str) -> bool:
    """Whether ``source`` names ``root`` or something below it (artifact-proxy URIs compare by
    their path under the artifact root, whatever host they name)."""
    source_path, root_path = _artifact_path(source), _artifact_path(root)
    if source_path is not None or root_path is not None:
        return (
            source_path is not None
            and bool(root_path)
            and source_path[: len(root_path or [])] == root_path
        )
    source_scheme, source_host, source_segments = _parts(source)
    root_scheme, root_host, root_segments = _parts(root)
    if source_scheme in _LOCAL_SCHEMES and root_scheme in _LOCAL_SCHEMES:
        source_scheme = root_scheme = "file"
    return (
        (source_scheme, source_host) == (root_scheme, root_host)
        and bool(root_segments)
        and source_segments[: len(root_segments)] == root_segments
    )


class SourceCheck:
    """Checks a model version's source against the runs, logged models and stores it may
    name; see the module's description for the rules."""

    def __init__(
        self,
        objects: ObjectStores,
        experiments: ExperimentService,
        logged_models: LoggedModelService,
    ) -> None:
        self.objects = objects
        self.experiments = experiments
        self.logged_models = logged_models

    def check(
        self,
        context: RequestContext,
        source: str,
        run_id: str | None,
        model_id: str | None,
        registered: Callable[[str, str], Any],
    ) -> Lineage:
        """The source with its run and model ids (taken from ``runs:/``/``models:/`` URIs when
        not given), or :class:`InvalidInput`. ``registered(name, version_or_alias)`` gives a
        registered version's download URI (raising :class:`NotFound`)."""
        if not source or not source.strip():
            raise InvalidInput("Missing value for required parameter 'source'", field="source")
        check_relative_parts(source)
        scheme, authority, segments = _parts(source)
        if scheme == "runs":
            return self._run_uri(context, source, authority, segments, run_id, model_id)
        if scheme == "models":
            return self._model_uri(
                context, source, authority, segments, run_id, model_id, registered
            )
        root, model_run = self._root(context, source, run_id, model_id)
        if root is not None and is_inside(source, root):
            return Lineage(source, run_id or model_run, model_id)
        owner = "model_id" if model_id else "run_id"
        if _artifact_path(source) is not None:
            raise _refused(
                source,
                f"The {owner} request parameter must identify the resource that contains it.",
            )
        if scheme in _LOCAL_SCHEMES or len(scheme) == 1:  # a path, or a Windows drive letter
            raise _refused(
                source,
                f"To use a local path as a model version source, the {owner} request parameter "
                f"has to be specified and the local path has to be contained within the artifact "
                f"directory of the {'logged model' if model_id else 'run'} it names.",
            )
        if root is not None:
            raise _refused(source, f"It is not inside the artifacts of the {owner} given ({root}).")
        try:
            self.objects.check(source, "source")
        except InvalidInput as error:
            raise _refused(
                source,
                f"It is neither inside a run's or logged model's artifacts nor in a store this "
                f"server may use: {error.message}",
            ) from error
        return Lineage(source, run_id, model_id)

    def _root(
        self, context: RequestContext, source: str, run_id: str | None, model_id: str | None
    ) -> tuple[str | None, str | None]:
        """Where the named logged model's (or run's) artifacts live, and the run that logged
        the model; ``None`` for what was not named."""
        try:
            if model_id:
                logged = self.logged_models.get(context, model_id)
                return logged.artifact_uri, logged.source_run_id
            if run_id:
                return self.experiments.get_run(context, run_id).artifact_uri, None
        except NotFound as error:
            raise _refused(source, error.message) from error
        return None, None

    def _run_uri(
        self,
        context: RequestContext,
        source: str,
        authority: str,
        segments: list[str],
        run_id: str | None,
        model_id: str | None,
    ) -> Lineage:
        if authority or not segments:
            raise _refused(source, "A runs:/ URI is runs:/<run_id>/<path>.")
        if run_id and segments[0] != run_id:
            raise _refused(
                source, "The run_id request parameter must identify the run that contains it."
            )
        try:
            self.experiments.get_run(context, segments[0])
        except NotFound as error:
            raise _refused(source, error.message) from error
        return Lineage(source, segments[0], model_id)

    def _model_uri(
        self,
        context: RequestContext,
        source: str,
        authority: str,
        segments: list[str],
        run_id: str | None,
        model_id: str | None,
        registered: Callable[[str, str], Any],
    ) -> Lineage:
        if authority or not segments or len(segments) > 2:
            raise _refused(
                source, "A models:/ URI is models:/<model_id> or models:/<name>/<version or alias>."
            )
        try:
            if len(segments) == 2:
                storage = registered(segments[0], segments[1])
                return Lineage(source, run_id, model_id, storage)
            if model_id and segments[0] != model_id:
                raise _refused(
                    source,
                    "The model_id request parameter must identify the logged model it names.",
                )
            if not _MODEL_ID.match(segments[0]):
                raise _refused(source, f"{segments[0]!r} is not a logged model's id.")
            logged = self.logged_models.get(context, segments[0])
        except NotFound as error:
            raise _refused(source, error.message) from error
        # As MLflow records it: the version comes from the run that logged the model.
        return Lineage(source, run_id or logged.source_run_id, segments[0], logged.artifact_uri)
