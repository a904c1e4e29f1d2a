"""jupyterlab_mlstudio: SageMaker Studio's machine-learning workflow inside JupyterLab."""

from __future__ import annotations

from typing import Any

try:
    from ._version import __version__
except ImportError:  # a source checkout that was never built
    __version__ = "0.0.0+unbuilt"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyterlab-mlstudio"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import MLStudioApp

    return [{"module": "jupyterlab_mlstudio", "app": MLStudioApp}]


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext jupyterlab_mlstudio``: registers the ``%mlstudio`` magics."""
    from .magics import MLStudioMagics

    ipython.register_magics(MLStudioMagics)
