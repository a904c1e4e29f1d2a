"""MLflow's GraphQL endpoint: the queries its UI and tools send (``mlflowGetRun``,
``mlflowSearchRuns``, ``mlflowSearchModelVersions``, ``mlflowGetExperiment``, artifact listing,
metric history and dataset search), each answered by the face's own REST endpoint, so GraphQL
and REST cannot disagree. No Tornado here: the handler parses, authorizes and calls
:func:`execute` off the event loop.

A query is refused before it runs when it is deeper, wider or more aliased than a person's query
is (one request must not fan out into thousands of store reads).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    build_schema,
    parse,
    validate,
    visit,
)
from graphql import (
    execute as run_query,
)
from graphql.language import IntValueNode, StringValueNode, ValueNode

from ..core.context import RequestContext
from ..core.errors import InvalidInput, MLStudioError
from .calls import Args, Call, Endpoint
from .graphql_schema import SDL
from .models import REGISTRY, search_model_versions
from .tracking import get_experiment, get_run, search_runs
from .ui import get_history_bulk_interval, list_artifacts, search_experiment_datasets

if TYPE_CHECKING:
    from ..services import Services

EXPERIMENTS = "mlstudio:experiments"
#: Root fields: the REST endpoint that answers each and the resource it reads.
ROOT_FIELDS: dict[str, tuple[Endpoint, str]] = {
    "mlflowGetExperiment": (get_experiment, EXPERIMENTS),
    "mlflowGetRun": (get_run, EXPERIMENTS),
    "mlflowSearchRuns": (search_runs, EXPERIMENTS),
    "mlflowListArtifacts": (list_artifacts, EXPERIMENTS),
    "mlflowGetMetricHistoryBulkInterval": (get_history_bulk_interval, EXPERIMENTS),
    "mlflowSearchDatasets": (search_experiment_datasets, EXPERIMENTS),
    "mlflowSearchModelVersions": (search_model_versions, REGISTRY),
}
#: Bounds on one query (MLflow's server has the same kind).
MAX_ROOT_FIELDS = 10
MAX_ALIASES = 10
MAX_DEPTH = 10
MAX_SELECTIONS = 1000


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _snake_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_snake(key): _snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_snake_keys(item) for item in value]
    return value


def _long_literal(node: ValueNode, _variables: Any = None) -> int | None:
    if isinstance(node, IntValueNode | StringValueNode):
        try:
            return int(node.value)
        except ValueError:
            return None
    return None


def _field(source: Any, info: GraphQLResolveInfo, **_args: Any) -> Any:
    """A field of a REST answer: ``runInfo`` reads ``run_info``."""
    if isinstance(source, dict):
        return source.get(_snake(info.field_name))
    return None


def _finite(source: Any, info: GraphQLResolveInfo) -> Any:
    """A metric's value; NaN and infinities have no GraphQL Float, so they read as null."""
    value = _field(source, info)
    if isinstance(value, str):
        return None
    return value if isinstance(value, int | float) and math.isfinite(value) else None


@cache
def schema() -> GraphQLSchema:
    """The schema, with the resolvers the SDL cannot name."""
    built = build_schema(SDL)
    long_string = built.type_map["LongString"]
    assert isinstance(long_string, GraphQLScalarType)
    long_string.serialize = str  # type: ignore[method-assign,assignment]
    long_string.parse_value = int  # type: ignore[method-assign,assignment]
    long_string.parse_literal = _long_literal  # type: ignore[method-assign,assignment]
    for metric in ("MlflowMetricExtension", "MlflowMetricWithRunId", "MlflowModelMetric"):
        built.type_map[metric].fields["value"].resolve = _finite  # type: ignore[attr-defined]
    run = built.type_map["MlflowRunExtension"]
    run.fields["experiment"].resolve = _run_experiment  # type: ignore[attr-defined]
    run.fields["modelVersions"].resolve = _run_model_versions  # type: ignore[attr-defined]
    return built


def _call(info: GraphQLResolveInfo, endpoint: Endpoint, values: dict[str, Any]) -> Any:
    services, context = info.context
    try:
        return endpoint(Call(services, context, Args(values)))
    except MLStudioError as error:
        raise GraphQLError(error.message) from error


def _root(name: str) -> Callable[..., Any]:
    endpoint, _ = ROOT_FIELDS[name]

    def resolve(_source: Any, info: GraphQLResolveInfo, input: Any = None) -> Any:
        return _call(info, endpoint, _snake_keys(dict(input or {})))

    return resolve


def _test(_source: Any, _info: GraphQLResolveInfo, inputString: Any = None) -> Any:
    return {"output": inputString}


def _run_experiment(source: Any, info: GraphQLResolveInfo) -> Any:
    experiment_id = (source.get("info") or {}).get("experiment_id")
    return _call(info, get_experiment, {"experiment_id": experiment_id}).get("experiment")


def _run_model_versions(source: Any, info: GraphQLResolveInfo) -> Any:
    run_id = (source.get("info") or {}).get("run_id")
    found = _call(info, search_model_versions, {"filter": f"run_id = '{run_id}'"})
    return found.get("model_versions", [])


ROOT_RESOLVERS: dict[str, Callable[..., Any]] = {
    **{name: _root(name) for name in ROOT_FIELDS},
    "test": _test,
    "testMutation": _test,
}


def _root_resolver(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    if info.parent_type.name in ("Query", "Mutation"):
        return ROOT_RESOLVERS[info.field_name](source, info, **args)
    return _field(source, info, **args)


def _check_shape(document: DocumentNode) -> None:
    """Refuse a query wider, deeper or more aliased than the bounds above."""
    fragments = {
        node.name.value: node.selection_set
        for node in document.definitions
        if isinstance(node, FragmentDefinitionNode)
    }
    counted = {"selections": 0, "aliases": 0}

    def walk(selection_set: SelectionSetNode | None, depth: int, seen: frozenset[str]) -> None:
        if selection_set is None:
            return
        if depth > MAX_DEPTH:
            raise InvalidInput(f"A query may nest at most {MAX_DEPTH} levels.", field="query")
        for selection in selection_set.selections:
            counted["selections"] += 1
            if counted["selections"] > MAX_SELECTIONS:
                raise InvalidInput(
                    f"A query may select at most {MAX_SELECTIONS} fields.", field="query"
                )
            if isinstance(selection, FieldNode):
                counted["aliases"] += selection.alias is not None
                walk(selection.selection_set, depth + 1, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen:
                    walk(fragments.get(name), depth, seen | {name})
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set, depth, seen)

    for node in document.definitions:
        if isinstance(node, OperationDefinitionNode):
            if len(node.selection_set.selections) > MAX_ROOT_FIELDS:
                raise InvalidInput(
                    f"A query may ask for at most {MAX_ROOT_FIELDS} root fields.", field="query"
                )
            walk(node.selection_set, 1, frozenset())
    if counted["aliases"] > MAX_ALIASES:
        raise InvalidInput(f"A query may use at most {MAX_ALIASES} aliases.", field="query")


def parsed(body: Any) -> tuple[DocumentNode, dict[str, Any], str | None]:
    """The request's query document, variables and operation name; a malformed request is
    invalid input (MLflow's JSON 400), a query that breaks the schema is answered in
    GraphQL's own ``errors``."""
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise InvalidInput(
            "A GraphQL request is a JSON object with a `query` string.", field="query"
        )
    variables = body.get("variables") or {}
    operation = body.get("operationName")
    if not isinstance(variables, dict) or not isinstance(operation, str | None):
        raise InvalidInput(
            "`variables` is an object and `operationName` a string.", field="variables"
        )
    try:
        document = parse(body["query"])
    except GraphQLError as error:
        raise InvalidInput(f"Invalid GraphQL query: {error.message}", field="query") from error
    _check_shape(document)
    return document, variables, operation


class _FieldNames(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        self.names.add(node.name.value)


def resources(document: DocumentNode) -> set[str]:
    """The resources a query reads (the handler authorizes each before it runs): experiments
    always, the registry for model versions (a run's included)."""
    fields = _FieldNames()
    visit(document, fields)
    found = {EXPERIMENTS}
    found.update(ROOT_FIELDS[name][1] for name in fields.names & ROOT_FIELDS.keys())
    if "modelVersions" in fields.names:
        found.add(REGISTRY)
    return found


def execute(
    services: Services,
    context: RequestContext,
    document: DocumentNode,
    variables: dict[str, Any],
    operation: str | None,
) -> dict[str, Any]:
    """Run a parsed query; the answer is MLflow's: ``{"data", "errors"}`` with messages."""
    errors = validate(schema(), document)
    if errors:
        return {"data": None, "errors": [error.message for error in errors]}
    result = run_query(
        schema(),
        document,
        context_value=(services, context),
        variable_values=variables,
        operation_name=operation,
        field_resolver=_root_resolver,
    )
    if hasattr(result, "__await__"):  # no resolver here is asynchronous
        raise RuntimeError("GraphQL execution returned an awaitable")
    messages = [error.message for error in result.errors] if result.errors else None
    return {"data": result.data, "errors": messages}
