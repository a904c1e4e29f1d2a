"""Jupyter servers for the Galata tests: on 127.0.0.1:8912 (and the co-editing server on the next
port), each with a throw-away ML Studio data dir.

Never use this configuration elsewhere: Galata's helper turns off authentication.
"""

from pathlib import Path
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server
from jupyterlab_server.config import get_federated_extensions

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

configure_jupyter_server(c)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = 8912
c.ServerApp.allow_root = True
# Real-time co-editing off on the main server; the co-editing server (package.json's
# start:coediting) turns it on, as the hub's launcher does for a shared space's server.
c.YDocExtension.disable_rtc = True


#: jupyter-collaboration's front end.
_COEDITING_FRONT_END = ("@jupyter/collaboration-extension", "@jupyter/docprovider-extension")


def _without_coediting_front_end(handler, page_config):
    """With co-editing off, the page loads none of jupyter-collaboration's front end either
    (its collaborators panel and user menu), so the main server's pages are those the
    screenshot references were taken of; the core plugins that front end replaces (the
    notebook's cell executor, the file browser) come back."""
    if page_config.get("disableRTC") is not True:
        return page_config
    app = handler.extensionapp
    found = get_federated_extensions([*app.extra_labextensions_path, *app.labextensions_path])
    replaced = {
        plugin
        for name in _COEDITING_FRONT_END
        for plugin in found.get(name, {}).get("jupyterlab", {}).get("disabledExtensions", [])
    }
    kept = [name for name in page_config.get("disabledExtensions", []) if name not in replaced]
    page_config["disabledExtensions"] = [*kept, *_COEDITING_FRONT_END]
    return page_config


c.ServerApp.tornado_settings = {"page_config_hook": _without_coediting_front_end}

# A fresh record store and object store for every run.
c.MLStudioApp.data_dir = mkdtemp(prefix="mlstudio-ui-tests-")
# jupyter-collaboration's document history and file ids there too (by default they go to the
# current folder and to the user's Jupyter data folder, shared by every server of the user).
c.SQLiteYStore.db_path = str(Path(c.MLStudioApp.data_dir) / "ystore.db")
c.BaseFileIdManager.db_path = str(Path(c.MLStudioApp.data_dir) / "file_id_manager.db")
# A GPU-less host whatever the machine: `true` lists no GPUs, so the GPU instance
# types are unavailable and the tests can say why.
c.MLStudioApp.gpu_command = "true"
# A stopped job gets SIGKILL soon after SIGTERM, so the Stop test need not wait long.
c.MLStudioApp.stop_grace_seconds = 2.0
# The catalogue plus a 1-vCPU, 1-GiB type: small enough that a kernel switched to it shows
# a CPU affinity and a memory limit that differ from the host's.
c.InstanceTypeCatalogue.instance_types = [
    *(dict(item) for item in DEFAULT_INSTANCE_TYPES),
    {"name": "ml.test.small", "vcpus": 1, "memory_gib": 1},
]
