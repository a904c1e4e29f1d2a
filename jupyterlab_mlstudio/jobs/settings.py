"""How jobs of every kind run on this server: the settings the composition root hands the job
kinds, made from the server's traitlets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..runtime.ray.options import RaySettings
from ..runtime.warm_pool import WarmSettings


@dataclass
class JobSettings:
    """How jobs run here (from the server's traitlets)."""

    data_dir: Path
    supervisor_id: str
    workspace_root: str = ""
    server_url: str = ""
    server_token: str = ""
    docker_enabled: bool = True
    docker_url: str | None = None
    docker_network: str = "host"
    sagemaker_image_backend: str = "process"
    process_isolation: str = "auto"
    ray: RaySettings = field(default_factory=RaySettings)
    warm: WarmSettings = field(default_factory=WarmSettings)
    stop_grace_seconds: float = 120.0
    poll_interval: float = 0.1
    checkpoint_interval: float = 10.0
    reserved_memory_gib: float = 2.0
    keep_job_folders: bool = False
    region: str = "us-east-1"
    account: str = "000000000000"
    idle_minutes: dict[str, float] = field(default_factory=dict)
    serving_health_timeout: float = 240.0
    serving_stop_grace_seconds: float = 30.0
    serving_max_workers: int = 4
    endpoint_invocation_timeout: float = 65.0
    endpoint_capture_flush_seconds: float = 10.0
    endpoint_scaling_interval: float = 10.0
    endpoint_scaling_window: float = 60.0
