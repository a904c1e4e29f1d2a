"""The Python client: talks to the ML Studio server from a notebook, a job or anywhere else."""

from .client import Client
from .discovery import ServerInfo, find_server

__all__ = ["Client", "ServerInfo", "find_server"]
