"""Running ML Studio for a team on JupyterHub.

JupyterHub signs users in and starts one Jupyter server per user; this package makes every one
of those servers a server of the same domain: the same record store (PostgreSQL for a team, one
shared SQLite file for a trial), the same object store, and the hub's user as the owner of what
each user creates. ``configure(c)`` fills a JupyterHub configuration with the project's
defaults; ``jupyterhub_config.py`` beside this file is that configuration, ready for
``jupyterhub -f``. Importing this package imports JupyterHub (``pip install
'jupyterlab_mlstudio[hub]'``); the single-user server never imports it.
"""

from .config import config_file, configure
from .domain import MLStudioDomain
from .spawner import DomainLocalProcessSpawner, DomainSpawnerMixin, TrialSpawner

__all__ = [
    "DomainLocalProcessSpawner",
    "DomainSpawnerMixin",
    "MLStudioDomain",
    "TrialSpawner",
    "config_file",
    "configure",
]
