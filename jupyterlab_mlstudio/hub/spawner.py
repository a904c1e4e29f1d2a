"""Spawners that start each user's JupyterLab as a server of the domain.

Any JupyterHub spawner can be one: mix :class:`DomainSpawnerMixin` in front of it (``class
DomainDockerSpawner(DomainSpawnerMixin, DockerSpawner)``). The mixin adds the domain's store
settings to the server's command line and the store's password to its environment; the server
itself needs nothing else, since JupyterHub already tells it who its user is.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner
from traitlets import HasTraits, Instance, Unicode, default

from ..compute.catalogue import DEFAULT_INSTANCE_TYPES, LOCAL_TYPES
from ..compute.models import GIB
from ..domains.service import profile_name_for
from ..domains.views import private_space_name
from .domain import MLStudioDomain

#: The app launcher every server of the hub is given.
HUB_LAUNCHER = "jupyterlab_mlstudio.hub.launcher.HubAppLauncher"
#: What turns real-time co-editing (jupyter-collaboration's server extension) on for a shared
#: space's server, whatever the deployment's own configuration says. Servers of private spaces
#: and users' own servers are given nothing: they run as the deployment configures them.
COLLABORATION_ARGS = ("--YDocExtension.disable_rtc=False",)
#: The project's limits wrapper (standard library only: it does not import the package).
LIMITS_SCRIPT = Path(__file__).resolve().parents[1] / "kernels" / "limits.py"


class DomainSpawnerMixin(HasTraits):
    """Starts the user's server on the domain's shared stores (``c.MLStudioDomain``), as a
    server of the user's profile (its role from the hub: admins ``admin``, others ``member``;
    made on the server's first start), able to start apps' servers through the hub.

    A server the launcher (``launcher.py``) asks for carries the app's domain, space and
    instance type in its spawn options: it then records in that space and runs under that
    instance type's limits (``mem_limit``/``cpu_limit`` for spawners that enforce them,
    :mod:`~jupyterlab_mlstudio.kernels.limits` for local processes). A shared space's server
    runs with real-time co-editing on (``COLLABORATION_ARGS``), so its members edit notebooks
    together.
    """

    domain = Instance(MLStudioDomain)

    @default("domain")
    def _default_domain(self) -> MLStudioDomain:
        return MLStudioDomain(parent=self)

    @property
    def studio_options(self) -> dict[str, Any]:
        """The options an app launcher gave this spawn (empty for a user's own server)."""
        options = getattr(self, "user_options", None) or {}
        found = options.get("mlstudio") if isinstance(options, dict) else None
        return found if isinstance(found, dict) else {}

    def get_args(self) -> list[str]:
        user = self.user  # type: ignore[attr-defined]
        hub = self.hub  # type: ignore[attr-defined]
        options = self.studio_options
        profile = profile_name_for(user.name)
        space = options.get("space") or private_space_name(profile)
        base_url = hub.base_url[: -len("hub/")] if hub.base_url.endswith("hub/") else "/"
        args = [
            *super().get_args(),  # type: ignore[misc]
            *self.domain.server_args(),
            f"--MLStudioApp.default_space={space}",
            f"--MLStudioApp.user_role={'admin' if user.admin else 'member'}",
            f"--MLStudioApp.app_launcher_class={HUB_LAUNCHER}",
            f"--HubConnection.api_url={hub.api_url}",
            f"--HubConnection.api_token_file={self.domain.service_token_file}",
            f"--HubConnection.public_url={self.domain.public_url}",
            f"--HubConnection.base_url={base_url}",
        ]
        if options.get("domain"):
            args.append(f"--MLStudioApp.default_domain={options['domain']}")
        image_arn = options.get("image_arn")
        if image_arn:
            # ResourceSpec's image: the kernel new notebooks of the app's server start on.
            image = str(image_arn).rsplit("image/", 1)[-1]
            args.append(f"--MLStudioApp.default_kernel_image={image}")
        instance_type = options.get("instance_type")
        if instance_type and instance_type != "system":
            # Kernels and jobs of the app's server default to the app's type (whose limits
            # also hold the server itself, ``start``).
            args.append(f"--InstanceTypeCatalogue.default_instance_type={instance_type}")
        if options.get("shared") is True:
            args.extend(COLLABORATION_ARGS)
        return args

    def instance_limits(self) -> tuple[list[int], int | None] | None:
        """(CPUs, memory bytes) of the spawn's instance type; None without one (a user's own
        server, or a type without limits). An unknown type fails the spawn, saying so."""
        name = self.studio_options.get("instance_type")
        if not name or name in ("system", *LOCAL_TYPES):
            return None
        spec = next((item for item in DEFAULT_INSTANCE_TYPES if item["name"] == name), None)
        if spec is None:
            raise ValueError(f"Instance type {name} is not one this hub can start")
        available = sorted(os.sched_getaffinity(0))
        count = max(1, min(len(available), math.ceil(spec["vcpus"])))
        return available[:count], int(spec["memory_gib"] * GIB)

    async def start(self) -> Any:
        limits = self.instance_limits()
        if limits is not None:
            cpus, memory = limits
            self.cpu_limit = float(len(cpus))
            self.mem_limit = memory
        return await super().start()  # type: ignore[misc]

    def get_env(self) -> dict[str, Any]:
        env: dict[str, Any] = super().get_env()  # type: ignore[misc]
        env.update(self.domain.server_env())
        return env


class _NoTerminal(HasTraits):
    """Servers started with no standard input. A Jupyter server whose standard input is a
    terminal (the hub's, when it was started from one) answers the hub's SIGINT with a
    "Shut down this Jupyter server?" prompt instead of stopping, so every stop of the hub
    waited out its interrupt timeout."""

    @default("popen_kwargs")
    def _default_popen_kwargs(self) -> dict[str, Any]:
        return {"stdin": subprocess.DEVNULL}


class DomainLocalProcessSpawner(DomainSpawnerMixin, _NoTerminal, LocalProcessSpawner):
    """Each user's server as that user's own operating-system account (the account must
    exist); the domain's stores must then be ones every account reaches: PostgreSQL and S3, or
    folders shared through group rights."""


class TrialSpawner(DomainSpawnerMixin, _NoTerminal, SimpleLocalProcessSpawner):
    """A trial's spawner: every user's server runs as the hub's own account, with a home of its
    own under the state folder. Users are told apart by name only (any of them can read the
    others' files), so it is for trying the product out, never for a team's real work."""

    home_dir_template = Unicode(
        "",
        config=True,
        help="Each user's home, with {username} for the hub user's name. Default: "
        "<MLStudioDomain.state_dir>/homes/{username}.",
    )

    @default("home_dir")
    def _default_home_dir(self) -> str:
        template = self.home_dir_template or str(
            Path(self.domain.state_dir).resolve() / "homes" / "{username}"
        )
        return template.format(username=self.user.name)

    @default("cmd")
    def _default_cmd(self) -> list[str]:
        # The hub's own Python, whose environment has the extension, whatever PATH says.
        return [sys.executable, "-m", "jupyterhub.singleuser"]

    async def start(self) -> Any:
        # A local process has no container to hold it: the project's limits wrapper pins it
        # to the type's CPUs and caps its memory (and so its kernels') before it starts.
        if not hasattr(self, "_own_cmd"):
            self._own_cmd: list[str] = list(self.cmd)  # type: ignore[has-type]
        limits = self.instance_limits()
        wrapper: list[str] = []
        if limits is not None:
            cpus, memory = limits
            wrapper = [sys.executable, "-I", "-S", str(LIMITS_SCRIPT)]
            wrapper += ["--cpus", ",".join(str(cpu) for cpu in cpus)]
            if memory:
                wrapper += ["--memory", str(memory)]
            wrapper.append("--")
        self.cmd = [*wrapper, *self._own_cmd]
        return await super().start()

    def get_args(self) -> list[str]:
        args = super().get_args()
        if os.geteuid() == 0:
            # A trial started as root runs its users' servers as root too.
            args.append("--ServerApp.allow_root=True")
        return args
