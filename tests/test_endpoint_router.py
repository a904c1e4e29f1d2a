"""The router on its own: weighted variants, pinning, least outstanding requests, SageMaker's
errors, retries past a dead replica, metrics and data capture. Upstreams are real HTTP servers
on loopback (aiohttp) standing in for serving units, which are below the unit under test."""

from __future__ import annotations

import asyncio
import base64
import json
import math
from collections import Counter
from pathlib import Path

import pytest
from aiohttp import web

from jupyterlab_mlstudio.endpoints.capture import Captured, CaptureWriter, capture_line
from jupyterlab_mlstudio.endpoints.fleet import (
    CaptureSettings,
    Fleet,
    LiveEndpoint,
    LiveVariant,
    Replica,
    ReplicaState,
)
from jupyterlab_mlstudio.endpoints.router import Invocation, InvocationError, Router
from jupyterlab_mlstudio.objects.local import LocalObjectStore
from jupyterlab_mlstudio.objects.router import ObjectStores

# -- choosing ---------------------------------------------------------------------------------


def _replica(variant: str, index: int, port: int = 1, state=ReplicaState.IN_SERVICE) -> Replica:
    return Replica(
        unit=f"{variant}-{index}",
        backend="process",
        variant=variant,
        index=index,
        generation=1,
        port=port,
        instance_id=f"i-{variant}{index}",
        log_stream=f"{variant}/i-{index}",
        state=state,
    )


def _endpoint(weights: dict[str, float], replicas: int = 1) -> LiveEndpoint:
    live = LiveEndpoint("ep", "default", "alice", "default")
    live.serve(
        {
            name: LiveVariant(name, weight, [_replica(name, i) for i in range(replicas)])
            for name, weight in weights.items()
        }
    )
    return live


def test_variants_are_drawn_in_proportion_to_their_weights() -> None:
    # Given weights 1 : 3 : 0
    live = _endpoint({"a": 1.0, "b": 3.0, "off": 0.0})
    # When 20000 variants are drawn
    draws = Counter(live.choose().name for _ in range(20000))  # type: ignore[union-attr]
    # Then a variant of weight 0 never is, and the split passes a chi-square test (1 dof,
    # critical value 10.83 at p = 0.001)
    assert draws["off"] == 0
    expected = {"a": 5000, "b": 15000}
    chi2 = sum((draws[name] - count) ** 2 / count for name, count in expected.items())
    assert chi2 < 10.83, draws


def test_the_replica_with_fewest_outstanding_requests_is_picked() -> None:
    variant = LiveVariant("v", 1.0, [_replica("v", i) for i in range(3)])
    variant.replicas[0].outstanding = 2
    variant.replicas[1].outstanding = 0
    variant.replicas[2].outstanding = 1
    assert variant.pick() is variant.replicas[1]
    # A replica out of rotation is never picked, however idle
    variant.replicas[1].state = ReplicaState.FAILED
    assert variant.pick() is variant.replicas[2]
    for replica in variant.replicas:
        replica.state = ReplicaState.DRAINING
    assert variant.pick() is None


def test_ties_are_broken_at_random() -> None:
    variant = LiveVariant("v", 1.0, [_replica("v", i) for i in range(2)])
    picks = Counter(variant.pick().unit for _ in range(2000))  # type: ignore[union-attr]
    assert min(picks.values()) > 800, picks


# -- forwarding -------------------------------------------------------------------------------


async def _upstream(handler) -> tuple[int, web.AppRunner]:
    app = web.Application()
    app.router.add_post("/invocations", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return port, runner


@pytest.fixture
def upstreams(jp_asyncio_loop):
    """``await upstreams(handler)`` -> the port of a new upstream on the test's loop."""
    started = []

    async def start(handler):
        port, runner = await _upstream(handler)
        started.append(runner)
        return port

    yield start
    for runner in started:
        jp_asyncio_loop.run_until_complete(runner.cleanup())


async def _echo(request: web.Request) -> web.Response:
    body = await request.read()
    if body == b"fail":
        return web.Response(status=500, text="model exploded: ValueError")
    return web.Response(
        body=b"out:" + body,
        content_type="text/csv",
        headers={
            "X-Amzn-SageMaker-Custom-Attributes": request.headers.get(
                "X-Amzn-SageMaker-Custom-Attributes", "none"
            )
        },
    )


@pytest.fixture
def capture_store(tmp_path: Path) -> ObjectStores:
    return ObjectStores([LocalObjectStore([str(tmp_path)])], f"file://{tmp_path}")


async def test_an_invocation_reaches_a_replica_and_comes_back_with_its_variant(
    upstreams, capture_store
) -> None:
    # Given two variants on real upstreams
    port_a, port_b = await upstreams(_echo), await upstreams(_echo)
    live = LiveEndpoint("ep", "default", "alice", "default")
    live.serve(
        {
            "a": LiveVariant("a", 1.0, [_replica("a", 0, port_a)]),
            "b": LiveVariant("b", 1.0, [_replica("b", 0, port_b)]),
        }
    )
    router = Router(Fleet(), CaptureWriter(capture_store))
    try:
        # When the caller pins variant b, with custom attributes
        result = await router.invoke(
            live,
            Invocation(b"1,2", "text/csv", target_variant="b", custom_attributes="trace=7"),
        )
        # Then b answered, its body and attributes come back, and b counted one invocation
        assert (result.variant, result.body, result.content_type) == ("b", b"out:1,2", "text/csv")
        assert result.custom_attributes == "trace=7"
        assert live.variants["b"].metrics.total_invocations == 1
        assert live.variants["a"].metrics.total_invocations == 0
        # And an unknown variant is SageMaker's ValidationError
        with pytest.raises(InvocationError) as refused:
            await router.invoke(live, Invocation(b"x", target_variant="nope"))
        assert (refused.value.code, refused.value.status) == ("ValidationError", 400)
        assert "[nope]" in refused.value.message
    finally:
        await router.close()


async def test_a_model_error_is_424_with_the_containers_status_and_message(
    upstreams, capture_store
) -> None:
    port = await upstreams(_echo)
    live = LiveEndpoint("ep", "default", "alice", "default")
    live.serve({"a": LiveVariant("a", 1.0, [_replica("a", 0, port)])})
    router = Router(Fleet(), CaptureWriter(capture_store), log_stream_arn=lambda e, r: "arn:x")
    try:
        with pytest.raises(InvocationError) as failed:
            await router.invoke(live, Invocation(b"fail", "text/csv"))
        error = failed.value
        assert (error.code, error.status) == ("ModelError", 424)
        assert error.fields == {
            "OriginalStatusCode": 500,
            "OriginalMessage": "model exploded: ValueError",
            "LogStreamArn": "arn:x",
        }
        # The endpoint keeps serving, and the error shows among the recent ones
        assert (await router.invoke(live, Invocation(b"ok", "text/csv"))).body == b"out:ok"
        assert [entry.kind for entry in live.errors] == ["ModelError"]
        assert live.variants["a"].metrics.total_errors == 1
        # A body over 6 MB is refused before it goes anywhere
        with pytest.raises(InvocationError) as large:
            await router.invoke(live, Invocation(b"x" * (6 * 1024 * 1024 + 1)))
        assert (large.value.code, large.value.status) == ("ValidationError", 400)
    finally:
        await router.close()


async def test_a_dead_replica_leaves_rotation_and_the_request_goes_to_another(
    upstreams, capture_store
) -> None:
    # Given a variant whose first replica listens nowhere (its unit died)
    port = await upstreams(_echo)
    dead = _replica("a", 0, port=_unused_port())
    alive = _replica("a", 1, port)
    dead.outstanding = -1  # so the router tries the dead one first
    live = LiveEndpoint("ep", "default", "alice", "default")
    live.serve({"a": LiveVariant("a", 1.0, [dead, alive])})
    told: list[str] = []
    router = Router(
        Fleet(), CaptureWriter(capture_store), on_unreachable=lambda r: told.append(r.unit)
    )
    try:
        # When a request comes
        result = await router.invoke(live, Invocation(b"1", "text/csv"))
        # Then it is answered by the live replica, and the dead one is out of rotation
        assert result.body == b"out:1"
        assert dead.state is ReplicaState.FAILED and told == ["a-0"]
        assert alive.state is ReplicaState.IN_SERVICE
        # And with no replica left in service, the caller gets ServiceUnavailable
        alive.state = ReplicaState.FAILED
        with pytest.raises(InvocationError) as none:
            await router.invoke(live, Invocation(b"1", "text/csv"))
        assert (none.value.code, none.value.status) == ("ServiceUnavailable", 503)
    finally:
        await router.close()


def _unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- data capture -----------------------------------------------------------------------------


def _settings(destination: str, fraction: float = 1.0) -> CaptureSettings:
    return CaptureSettings(
        destination=destination,
        fraction=fraction,
        inputs=True,
        outputs=True,
        csv_types=frozenset({"text/csv"}),
        json_types=frozenset({"application/json"}),
    )


def test_a_capture_line_is_sagemakers_with_text_for_csv_and_json_and_base64_otherwise() -> None:
    item = Captured(
        settings=_settings("file:///x"),
        endpoint="ep",
        variant="a",
        time=1_765_000_000.123,
        request_type="text/csv",
        request=b"1,2",
        response_type="application/x-npy",
        response=b"\x93NUMPY",
        inference_id="req-1",
    )
    line = json.loads(capture_line(item))
    assert line["eventVersion"] == "0"
    assert line["captureData"]["endpointInput"] == {
        "observedContentType": "text/csv",
        "mode": "INPUT",
        "data": "1,2",
        "encoding": "CSV",
    }
    output = line["captureData"]["endpointOutput"]
    assert output["encoding"] == "BASE64" and base64.b64decode(output["data"]) == b"\x93NUMPY"
    metadata = line["eventMetadata"]
    assert metadata["inferenceId"] == "req-1"
    assert metadata["inferenceTime"] == "2025-12-06T05:46:40.123Z"
    assert len(metadata["eventId"]) == 36


async def test_sampled_invocations_are_written_in_sagemakers_layout_off_the_request_path(
    upstreams, capture_store, tmp_path
) -> None:
    # Given a variant capturing half of its traffic
    port = await upstreams(_echo)
    destination = f"file://{tmp_path}/capture"
    live = LiveEndpoint("ep", "default", "alice", "default")
    variant = LiveVariant("a", 1.0, [_replica("a", 0, port)])
    variant.capture = _settings(destination, 0.5)
    live.serve({"a": variant})
    writer = CaptureWriter(capture_store, flush_seconds=60)
    router = Router(Fleet(), writer)
    try:
        # When 400 invocations go through
        for index in range(400):
            await router.invoke(live, Invocation(str(index).encode(), "text/csv"))
    finally:
        await router.close()
    # Then (once flushed) about half are in JSON Lines under <dest>/<endpoint>/<variant>/yyyy/mm/dd/hh
    assert await asyncio.to_thread(writer.flush, 10)
    files = sorted((tmp_path / "capture" / "ep" / "a").rglob("*.jsonl"))
    assert files, "no capture file"
    parts = files[0].relative_to(tmp_path / "capture" / "ep" / "a").parts
    assert [len(part) for part in parts[:4]] == [4, 2, 2, 2]
    lines = [json.loads(line) for path in files for line in path.read_text().splitlines()]
    assert all(line["captureData"]["endpointOutput"]["data"].startswith("out:") for line in lines)
    # Binomial(400, 0.5): within 5 standard deviations
    assert abs(len(lines) - 200) < 5 * math.sqrt(100), len(lines)
