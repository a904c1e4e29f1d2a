"""Loaded by the Python of a unit that expected /opt/ml but runs without it (the process
backend on a host that forbids unprivileged user namespaces).

Its folder is first on the unit's PYTHONPATH. An audit hook turns any use of an absolute
``/opt/ml`` path into a ``FileNotFoundError`` that says why the folder is missing and which
host setting brings it back, instead of a bare "No such file or directory". Then the
environment's own ``sitecustomize`` (if any) runs as it would have.
"""

import os
import sys

_MESSAGE = os.environ.get("MLSTUDIO_NO_OPT_ML", "")
_ROOT = "/opt/ml"
_EVENTS = frozenset(
    ("open", "os.mkdir", "os.listdir", "os.scandir", "os.chdir", "os.rename", "os.remove")
)


def _guard(event, args):
    if event not in _EVENTS or not args:
        return
    path = args[0]
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    if isinstance(path, str) and (path == _ROOT or path.startswith(_ROOT + "/")):
        raise FileNotFoundError(2, _MESSAGE or "this unit has no /opt/ml", path)


def _chain():
    """Run the sitecustomize this one hides, from the rest of sys.path."""
    import importlib.machinery
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


if _MESSAGE and hasattr(sys, "addaudithook"):
    sys.addaudithook(_guard)
_chain()
