"""The server's settings for the Ray cluster (part of ``MLStudioApp``'s configuration: set them
as ``c.MLStudioApp.<name>``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from traitlets import Dict, Float, List, Unicode
from traitlets.config import Configurable


class RayOptions(Configurable):
    """Which cluster, which instance types run there, and what they ask it for."""

    ray_address = Unicode(
        "",
        config=True,
        help="The Ray cluster's dashboard address (its job submission API), e.g. "
        "'http://10.0.0.5:8265'. Empty: no cluster; every job runs on this workstation. The "
        "server drives the cluster over HTTP and needs no Ray of its own. Default: ''.",
    )
    ray_instance_types = List(
        Unicode(),
        ["ml.*"],
        config=True,
        help="Instance types (shell-style patterns) whose jobs run on the Ray cluster when "
        "ray_address is set; the others (such as 'local') run here. A job may choose for "
        "itself with the tag mlstudio:runs-on = cluster | here. Default: ['ml.*'].",
    )
    ray_resources = Dict(
        value_trait=Dict(value_trait=Float()),
        config=True,
        help="What one host of an instance type asks the cluster for, as Ray resources, e.g. "
        "{'ml.g5.xlarge': {'CPU': 4, 'GPU': 1, 'memory': 16e9, 'accelerator_type:A10G': 1}}. "
        "Instance types not named here ask for their vCPUs, GPUs and memory. Default: {}.",
    )
    ray_python = Unicode(
        "python",
        config=True,
        help="The command that starts Python on the cluster's nodes; a unit's script runs in "
        "the same Python, so it needs the packages the script imports. Default: 'python'.",
    )
    ray_start_timeout = Float(
        300.0,
        config=True,
        help="Seconds the other hosts of a multi-host job wait for the first host to start on "
        "the cluster before the job fails. Default: 300.",
    )


@dataclass(frozen=True)
class RaySettings:
    """The Ray settings as the services use them (see :class:`RayOptions`)."""

    address: str = ""
    instance_types: tuple[str, ...] = ("ml.*",)
    resources: dict[str, dict[str, float]] = field(default_factory=dict)
    python: str = "python"
    start_timeout: float = 300.0

    @classmethod
    def of(cls, options: RayOptions) -> RaySettings:
        return cls(
            address=options.ray_address,
            instance_types=tuple(options.ray_instance_types),
            resources={key: dict(value) for key, value in options.ray_resources.items()},
            python=options.ray_python,
            start_timeout=options.ray_start_timeout,
        )
