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
    """``%load_ext jupyterlab_mlstudio``: registers the ``%mlstudio`` magics.

    In a kernel whose image lacks the magics' dependencies (a Docker image gets this package
    mounted, not its dependencies), say which are missing and how to add them: packages
    installed from the notebook stay with the image's kernels across restarts and switches.
    """
    try:
        from .magics import MLStudioMagics
    except ImportError as error:
        missing = getattr(error, "name", None) or str(error)
        raise ImportError(
            f"The %mlstudio magics need the package '{missing}', which this kernel's image "
            f"does not have. Install it once with: %pip install {' '.join(MAGICS_REQUIREMENTS)}"
            " (it stays for this image's kernels), then %load_ext jupyterlab_mlstudio again."
        ) from error

    ipython.register_magics(MLStudioMagics)


#: What the magics need beyond IPython, for images that have only Python and ipykernel.
MAGICS_REQUIREMENTS = ("requests", "pydantic")
