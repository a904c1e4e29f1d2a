#!/usr/bin/env bash
# Installs ML Studio with JupyterHub and its proxy, then starts a trial hub on the embedded
# defaults at http://127.0.0.1:8000: sign up as "admin" first, then as anyone else, and authorize
# them at http://127.0.0.1:8000/hub/authorize. Every user's JupyterLab shares one SQLite store and
# one object store under <Jupyter data dir>/mlstudio-hub. Extra arguments go to jupyterhub.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node
ensure_python hub
ensure_frontend
ensure_hub_proxy

config="$(python -m jupyterlab_mlstudio.hub)"
say "Starting JupyterHub at http://127.0.0.1:8000 with $config (Ctrl-C stops it and every server)"
exec jupyterhub -f "$config" "$@"
