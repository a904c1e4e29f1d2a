"""The endpoints this server serves now: their variants, weights and replicas, in memory.

The router reads this on every invocation, so picking a replica is a few attribute reads: a
weighted draw among the variants (or the pinned ``TargetVariant``), then the replica with the
fewest outstanding requests among those in rotation. Runners and the replica watcher change it
from their threads by replacing whole values (a variant's replica list, an endpoint's variant
map), never by editing a list the router may be walking.
"""

from __future__ import annotations

import bisect
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .metrics import VariantMetrics

#: Recent errors kept per endpoint for its view.
RECENT_ERRORS = 50


class ReplicaState(str, Enum):
    """Where a replica is in its life; only IN_SERVICE replicas take requests."""

    STARTING = "Starting"
    IN_SERVICE = "InService"
    DRAINING = "Draining"
    FAILED = "Failed"  # out of rotation, to be restarted
    RESTARTING = "Restarting"
    STOPPED = "Stopped"


@dataclass
class Replica:
    """One serving unit of a variant."""

    unit: str
    backend: str
    variant: str
    index: int
    generation: int
    port: int
    instance_id: str
    log_stream: str
    state: ReplicaState = ReplicaState.STARTING
    outstanding: int = 0
    restarts: int = 0
    last_error: str | None = None
    #: monotonic time of the next restart attempt, while FAILED.
    restart_at: float = 0.0
    backoff: float = 0.0
    healthy_since: float = 0.0
    #: monotonic deadline of a (re)start's health check, while STARTING or RESTARTING.
    health_deadline: float = 0.0
    log_cursor: Any = None
    reservation: dict[str, Any] | None = None
    #: Where the unit listens: loopback (every backend of this host publishes a unit's port
    #: there), or the address of the cluster node it runs on.
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/invocations"

    @property
    def ping_url(self) -> str:
        return f"http://{self.host}:{self.port}/ping"

    def describe(self) -> dict[str, Any]:
        """As the runtime column keeps it."""
        return {
            "unit": self.unit,
            "backend": self.backend,
            "variant": self.variant,
            "index": self.index,
            "generation": self.generation,
            "port": self.port,
            "instance_id": self.instance_id,
            "log_stream": self.log_stream,
            "restarts": self.restarts,
            "log_cursor": self.log_cursor,
            "reservation": self.reservation,
            "host": self.host,
        }

    @classmethod
    def from_record(cls, item: dict[str, Any]) -> Replica:
        return cls(
            unit=item["unit"],
            backend=item["backend"],
            variant=item["variant"],
            index=int(item["index"]),
            generation=int(item["generation"]),
            port=int(item["port"]),
            instance_id=item["instance_id"],
            log_stream=item["log_stream"],
            restarts=int(item.get("restarts", 0)),
            log_cursor=item.get("log_cursor"),
            reservation=item.get("reservation"),
            host=str(item.get("host") or "127.0.0.1"),
        )


@dataclass(frozen=True)
class CaptureSettings:
    """A variant's data capture, ready for the request path."""

    destination: str
    fraction: float
    inputs: bool
    outputs: bool
    csv_types: frozenset[str]
    json_types: frozenset[str]


@dataclass
class LiveVariant:
    """A variant as the router sees it."""

    name: str
    weight: float
    replicas: list[Replica] = field(default_factory=list)
    capture: CaptureSettings | None = None
    metrics: VariantMetrics = field(default_factory=VariantMetrics)

    def pick(self, avoid: tuple[Replica, ...] = ()) -> Replica | None:
        """The in-service replica with the fewest outstanding requests (ties drawn at random);
        one of ``avoid`` (where this request failed already) only when no other is left."""
        best: Replica | None = None
        ties = 0
        for replica in self.replicas:
            if replica.state is not ReplicaState.IN_SERVICE:
                continue
            if avoid and any(replica is other for other in avoid):
                continue
            if best is None or replica.outstanding < best.outstanding:
                best, ties = replica, 1
            elif replica.outstanding == best.outstanding:
                ties += 1
                if random.randrange(ties) == 0:
                    best = replica
        if best is None and avoid:
            return self.pick()
        return best

    def in_service(self) -> int:
        return sum(1 for replica in self.replicas if replica.state is ReplicaState.IN_SERVICE)


@dataclass(frozen=True)
class ErrorEntry:
    """One failed invocation or replica event, for the endpoint's view."""

    time_ms: int
    variant: str | None
    kind: str  # ModelError, ServiceUnavailable, InstanceFailed, ...
    message: str
    status: int | None = None


class LiveEndpoint:
    """An endpoint as the router sees it: the variants that take traffic now."""

    def __init__(self, name: str, domain: str, owner: str, space: str) -> None:
        self.name = name
        self.domain = domain
        self.owner = owner
        self.space = space
        #: The endpoint's status as last moved (kept here so the router reads no record).
        self.status = "Creating"
        self.variants: dict[str, LiveVariant] = {}
        #: Variants of a config being rolled out: starting, not yet routed to.
        self.pending: dict[str, LiveVariant] = {}
        self._names: list[str] = []
        self._cumulative: list[float] = []
        self.errors: deque[ErrorEntry] = deque(maxlen=RECENT_ERRORS)

    def serve(self, variants: dict[str, LiveVariant]) -> None:
        """Route to ``variants`` from now on (their metrics carry over by name)."""
        for name, variant in variants.items():
            old = self.variants.get(name)
            if old is not None and variant.metrics is not old.metrics:
                variant.metrics = old.metrics
        names, cumulative, total = [], [], 0.0
        for name, variant in variants.items():
            if variant.weight > 0:
                total += variant.weight
                names.append(name)
                cumulative.append(total)
        # One assignment each, so a router between them sees either the old or the new table.
        self.variants = variants
        self._names, self._cumulative = names, cumulative

    def set_weights(self, weights: dict[str, float]) -> None:
        for name, weight in weights.items():
            if name in self.variants:
                self.variants[name].weight = weight
        self.serve(dict(self.variants))

    def choose(self) -> LiveVariant | None:
        """A variant drawn by weight; ``None`` when every weight is zero."""
        cumulative = self._cumulative
        if not cumulative:
            return None
        index = bisect.bisect_right(cumulative, random.random() * cumulative[-1])
        return self.variants.get(self._names[min(index, len(self._names) - 1)])

    def replicas(self) -> list[Replica]:
        return [replica for variant in self.variants.values() for replica in variant.replicas]

    def note_error(
        self, variant: str | None, kind: str, message: str, status: int | None = None
    ) -> None:
        self.errors.append(
            ErrorEntry(int(time.time() * 1000), variant, kind, message[:2000], status)
        )


class Fleet:
    """Every endpoint this server serves, by (domain, name)."""

    def __init__(self) -> None:
        self._endpoints: dict[tuple[str, str], LiveEndpoint] = {}
        self._lock = threading.Lock()

    def get(self, domain: str, name: str) -> LiveEndpoint | None:
        return self._endpoints.get((domain, name))

    def ensure(self, domain: str, name: str, owner: str, space: str) -> LiveEndpoint:
        with self._lock:
            live = self._endpoints.get((domain, name))
            if live is None:
                live = LiveEndpoint(name, domain, owner, space)
                self._endpoints[(domain, name)] = live
            return live

    def drop(self, domain: str, name: str) -> LiveEndpoint | None:
        with self._lock:
            return self._endpoints.pop((domain, name), None)

    def all(self) -> list[LiveEndpoint]:
        with self._lock:
            return list(self._endpoints.values())
