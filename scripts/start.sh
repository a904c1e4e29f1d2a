#!/usr/bin/env bash
# Installs everything this checkout needs and starts JupyterLab with ML Studio on its embedded
# defaults (SQLite store, local object store, process runtime) at http://127.0.0.1:8888/lab.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node
ensure_python
ensure_frontend

say "Starting JupyterLab at http://127.0.0.1:8888/lab (Ctrl-C stops it)"
args=(--ip=127.0.0.1 --port=8888 --no-browser --ServerApp.root_dir="$ROOT")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
exec jupyter lab "${args[@]}" "$@"
