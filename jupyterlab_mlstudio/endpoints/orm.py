"""Endpoint tables: endpoint configurations, endpoints, and autoscaling of their variants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import MACHINE


class EndpointConfigRecord(Owned, Base):
    """One endpoint configuration: the CreateEndpointConfig request as submitted.

    Endpoints copy what they use at CreateEndpoint/UpdateEndpoint time, so deleting a config
    never touches a running endpoint (as on SageMaker).
    """

    __tablename__ = "endpoint_configs"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_endpoint_configs_domain_creation_time", "domain", "creation_time"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    creation_time: Mapped[int]
    request: Mapped[dict[str, Any]]


class EndpointRecord(Owned, Base):
    """One endpoint: its status, the config it serves (with its models resolved), the change
    under way, and the units that serve it.

    ``status`` changes only through the state machine (``states.py``). ``deployed`` is the
    snapshot of the config in service: per variant its model's containers, instance type,
    weight and instance count. ``pending`` is what an update asks for (a new snapshot, or new
    weights and counts) until the runner has rolled it out or back. ``runtime`` holds the
    units per variant with their ports and reservations, so a restarted server re-attaches.
    """

    __tablename__ = "endpoints"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_endpoints_domain_creation_time", "domain", "creation_time"),
        Index("ix_endpoints_domain_status", "domain", "status"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]
    config_name: Mapped[str] = mapped_column(String(63))
    deployed: Mapped[dict[str, Any]]
    pending: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    runtime: Mapped[dict[str, Any]] = mapped_column(default=dict)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    supervisor: Mapped[str | None] = mapped_column(String(256), default=None)


MACHINE.guard(EndpointRecord)


class ScalableTargetRecord(Owned, Base):
    """A variant registered with autoscaling (``endpoint/<name>/variant/<variant>``), its
    bounds, and its target-tracking policy once one is put."""

    __tablename__ = "endpoint_scalable_targets"
    __table_args__ = (UniqueConstraint("domain", "resource_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    resource_id: Mapped[str] = mapped_column(String(1600))
    endpoint_name: Mapped[str] = mapped_column(String(63))
    variant_name: Mapped[str] = mapped_column(String(63))
    min_capacity: Mapped[int]
    max_capacity: Mapped[int]
    creation_time: Mapped[int]
    policy: Mapped[dict[str, Any] | None] = mapped_column(default=None)
