"""Jupyter server for the Galata tests: on 127.0.0.1:8912, with a throw-away ML Studio data dir.

Never use this configuration elsewhere: Galata's helper turns off authentication.
"""

from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

configure_jupyter_server(c)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = 8912
c.ServerApp.allow_root = True

# A fresh record store and object store for every run.
c.MLStudioApp.data_dir = mkdtemp(prefix="mlstudio-ui-tests-")
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
