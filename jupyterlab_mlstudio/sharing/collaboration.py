"""Real-time co-editing (jupyter-collaboration) on the servers of shared spaces, and only there.

Installing jupyter-collaboration (the ``collaboration`` extra) turns co-editing on for every
Jupyter server of the environment. A private server gains nothing from it but a second
document model and a websocket per open file, so the package's server configuration turns it
off (``YDocExtension.disable_rtc``), and the launcher of a shared space's server turns it back
on with :func:`space_server_args`. A single-user ``jupyter lab`` is thus unchanged whether the
extra is installed or not; its user turns co-editing on with
``jupyter lab --YDocExtension.disable_rtc=False``.
"""

from __future__ import annotations

import importlib.util

#: The server extension jupyter-collaboration installs, and its switch.
YDOC_EXTENSION = "jupyter_server_ydoc"
DISABLE_RTC = "YDocExtension.disable_rtc"


def collaboration_installed() -> bool:
    """Whether jupyter-collaboration's server extension is importable here."""
    return importlib.util.find_spec(YDOC_EXTENSION) is not None


def space_server_args(shared: bool) -> list[str]:
    """Command-line arguments for a space's server: co-editing on for a shared space (when
    jupyter-collaboration is installed), nothing otherwise."""
    if not shared or not collaboration_installed():
        return []
    return [f"--{DISABLE_RTC}=False"]
