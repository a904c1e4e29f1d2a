"""The server's settings for the process backend's units (part of ``MLStudioApp``'s
configuration: set them as ``c.MLStudioApp.<name>``)."""

from __future__ import annotations

from traitlets import Bool, Dict, Enum, Int, List, Unicode
from traitlets.config import Configurable


class ProcessOptions(Configurable):
    """How the process backend isolates units and starts them warm."""

    process_isolation = Enum(
        ["auto", "none"],
        "auto",
        config=True,
        help="How the process backend gives each job its own /opt/ml. 'auto': a private mount "
        "namespace (as root) or a user namespace plus a mount namespace (as any other user), "
        "where the host allows it; 'none': never, so scripts find their folders only through "
        "the SM_* variables (the status then says so). Default: auto.",
    )
    warm_starts = Bool(
        True,
        config=True,
        help="Start process-backend units by forking a warm parent interpreter that has already "
        "imported the modules the image's units use, instead of starting Python anew (a script "
        "that imports numpy and scikit-learn then starts in tens of milliseconds rather than "
        "about 1.5 s). Units that need GPUs, and commands other than the image's Python running "
        "a script or -m module, always start cold. Default: True.",
    )
    warm_start_modules = Dict(
        value_trait=List(Unicode()),
        config=True,
        help="Modules each image's warm parent imports, by image name (as in TrainingImage) or "
        "interpreter path, e.g. {'default': ['numpy', 'sklearn.ensemble']}. Images not named "
        "here import what the previous successful runs of the same script all imported. "
        "Default: {}.",
    )
    warm_start_parents = Int(
        4,
        config=True,
        help="Warm parents kept at once (each holds its modules in memory; the least recently "
        "used goes first). Default: 4.",
    )
