"""schemathesis over the REST face's OpenAPI document, against a real server in its own process:
every operation, a bounded number of examples per phase (examples, coverage, fuzzing), every
check schemathesis has (no 5xx, answers that match the document, valid data accepted, invalid
data refused, 405s with ``Allow``, authentication not ignored). The server's log must hold no
traceback afterwards.

schemathesis runs through its engine rather than its pytest plugin, whose lazy schemas do not
work with the pytest this project uses.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from .live_server import LiveServer, live_server, server_errors

schemathesis = pytest.importorskip("schemathesis", reason="the test extras install schemathesis")
from schemathesis.engine import Status, events  # noqa: E402
from schemathesis.engine import from_schema as engine_for  # noqa: E402

#: Examples per operation and phase: bounded so the fuzz tests stay within a couple of minutes
#: on two cores (MLSTUDIO_FUZZ_EXAMPLES searches harder).
MAX_EXAMPLES = int(os.environ.get("MLSTUDIO_FUZZ_EXAMPLES", "15"))
SEED = int(os.environ.get("MLSTUDIO_FUZZ_SEED", "20261207"))
#: Operations whose refusals depend on what JSON Schema cannot state. For these alone a 400 to
#: schema-valid data is accepted; every other check still applies to them.
REFERENCES_AND_GRAMMARS = {
    # MLflow's search syntax in filter/order_by; paging tokens valid only for their own query.
    "/runs": "filter grammar, paging token bound to its query",
    "/experiments": "filter grammar, paging token bound to its query",
    "/models": "filter grammar, paging token bound to its query",
    # A version's source must lie in a run's artifacts or a store this server uses.
    "/models/{name}/versions": "sources are locations this server knows",
    "/training-jobs": "paging token bound to its query; instance types, images and stores "
    "are names in this server's catalogue",
    "/processing-jobs": "paging token bound to its query; instance types, images and stores "
    "are names in this server's catalogue; input and output names unique",
    "/transform-jobs": "paging token bound to its query",
    "/tuning-jobs": "SageMaker's rules across fields: one of TrainingJobDefinition(s), the "
    "objective among the definition's metrics, Grid over categorical ranges only, ...",
    # Endpoints: a deploy names exactly one source and a change one kind of change (rules across
    # fields); paging tokens, instance types and models are this server's; InvokeEndpoint
    # answers an endpoint that is not serving with sagemaker-runtime's 400 ValidationError.
    "/endpoints": "one source of the model, names in this server's catalogue, paging token",
    "/endpoints/{name}": "endpoint_config_name or variants, one of them",
    "/endpoints/{name}/invocations": "400 ValidationError for an endpoint not serving",
    "/endpoints/{name}/variants/{variant}/autoscaling": "min_capacity <= max_capacity; the host",
    "/endpoint-configs": "instance types and models in this server's catalogue, paging token",
    # Names are limited in UTF-8 bytes (255 a name), which JSON Schema counts in characters.
    "/runs/{run_id}/artifact": "artifact names limited in bytes",
    "/runs/{run_id}/artifacts": "artifact names limited in bytes",
    # Whether an image and instance type exist is the very question this operation answers.
    "/kernels/profile-check": "answers whether a profile exists",
    "/audit-events": "paging token bound to its query",
    # A snapshot's content is a notebook that nbformat validates (a grammar of its own).
    "/snapshots": "the content is a valid notebook; paging token",
    # Kernel spec names must differ ignoring case: no JSON Schema keyword says so.
    "/images/{name}/config": "kernel spec names unique ignoring case",
    "/images": "kernel spec names unique ignoring case",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("fuzz-openapi")) as running:
        yield running


def _schema(server: LiveServer) -> Any:
    positive = ["2xx", "3xx", "401", "403", "404", "409", "429"]
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "base-url": server.api,
            "headers": server.headers,
            "workers": 1,
            # No text may hold NUL (the document says so in words: no keyword states it).
            "generation": {"max-examples": MAX_EXAMPLES, "allow-x00": False},
            "phases": {"stateful": {"enabled": False}},
            "checks": {"positive_data_acceptance": {"expected-statuses": positive}},
            "operations": [
                {
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*positive, "400"]}
                    },
                }
                for path in REFERENCES_AND_GRAMMARS
            ],
        }
    )
    return schemathesis.openapi.from_url(
        f"{server.api}/openapi.json", config=config, headers=server.headers
    )


def _described(event: Any, case_id: str, check: Any) -> str:
    """A failed check with the request and answer that failed it."""
    info = check.failure_info
    failure = getattr(info, "failure", info)
    text = f"{event.label}: {check.name}: {getattr(failure, 'title', failure)}"
    interaction = event.recorder.interactions.get(case_id)
    if interaction is not None:
        request, response = interaction.request, interaction.response
        body = (request.body or b"")[:300]
        text += f"\n  {request.method} {request.uri[:300]} {body!r}"
        if response is not None:
            text += f"\n  -> {response.status_code} {(response.content or b'')[:300]!r}"
    return text


def test_every_operation_holds_up_to_schemathesis(server: LiveServer) -> None:
    schema = _schema(server)
    failures: list[str] = []
    errors: list[str] = []
    sent = 0
    operations: set[str] = set()
    began = time.monotonic()
    for event in engine_for(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            if event.label:
                operations.add(event.label)
            sent += len(event.recorder.interactions)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE:
                        failures.append(_described(event, case_id, check))
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(f"{getattr(event, 'label', '')}: {event.info}"[:600])
    elapsed = time.monotonic() - began
    print(
        f"\nschemathesis: {sent} requests over {len(operations)} operations in {elapsed:.1f} s "
        f"(seed {SEED}, {MAX_EXAMPLES} examples a phase)"
    )
    assert not errors, "\n".join(errors[:10])
    unique = sorted(set(failures))
    if os.environ.get("MLSTUDIO_FUZZ_REPORT"):
        with open(os.environ["MLSTUDIO_FUZZ_REPORT"], "w") as report:
            report.write("\n\n".join(unique))
    assert not unique, f"{len(unique)} failures:\n" + "\n".join(unique[:25])
    assert sent > 0
    assert not server_errors(server.log), "the server logged tracebacks"
    assert requests.get(f"{server.api}/status", headers=server.headers, timeout=10).ok
