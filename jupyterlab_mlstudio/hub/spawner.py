"""Spawners that start each user's JupyterLab as a server of the domain.

Any JupyterHub spawner can be one: mix :class:`DomainSpawnerMixin` in front of it (``class
DomainDockerSpawner(DomainSpawnerMixin, DockerSpawner)``). The mixin adds the domain's store
settings to the server's command line and the store's password to its environment; the server
itself needs nothing else, since JupyterHub already tells it who its user is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner
from traitlets import HasTraits, Instance, Unicode, default

from .domain import MLStudioDomain


class DomainSpawnerMixin(HasTraits):
    """Starts the user's server on the domain's shared stores (``c.MLStudioDomain``)."""

    domain = Instance(MLStudioDomain)

    @default("domain")
    def _default_domain(self) -> MLStudioDomain:
        return MLStudioDomain(parent=self)

    def get_args(self) -> list[str]:
        return [*super().get_args(), *self.domain.server_args()]  # type: ignore[misc]

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

    def get_args(self) -> list[str]:
        args = super().get_args()
        if os.geteuid() == 0:
            # A trial started as root runs its users' servers as root too.
            args.append("--ServerApp.allow_root=True")
        return args
