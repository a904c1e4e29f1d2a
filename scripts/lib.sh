# Shared steps of scripts/start.sh and scripts/test.sh. Each step is idempotent: it installs only
# what is missing, so a second run is fast and a fresh machine gets everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_apt PACKAGE...: install the Debian packages that are missing.
ensure_apt() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# ensure_node: Node.js 20+ and npm for building the front end (developers only; users install
# the wheel with pip alone).
ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
}

# ensure_python EXTRAS: the project's virtual environment with the package installed editable.
ensure_python() {
  local extras="${1:-}"
  if [ ! -x "$PY" ]; then
    say "python: creating $VENV"
    python3 -m venv --help >/dev/null 2>&1 || ensure_apt python3-venv
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-${extras:-base}"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || [ "$ROOT/package.json" -nt "$stamp" ]; then
    say "python: installing jupyterlab_mlstudio${extras:+[$extras]} (editable)"
    "$PY" -m pip install -q -U pip 2>&1 | grep -v '^WARNING: Location' || true
    "$PY" -m pip install -q "hatchling>=1.21" "hatch-jupyter-builder>=0.9" "hatch-nodejs-version>=0.3.2" \
      editables "jupyterlab>=4.6,<5" 2>&1 | grep -v '^WARNING: Location' || true
    (cd "$ROOT" && "$PY" -m pip install -q --no-build-isolation -e ".${extras:+[$extras]}") 2>&1 \
      | grep -v '^WARNING: Location' || true
    "$PY" -c "import jupyterlab_mlstudio" # fails loudly if the install did not work
    touch "$stamp"
  fi
}

# ensure_frontend: JavaScript dependencies and a development build of the labextension, linked
# into the environment so JupyterLab serves it.
ensure_frontend() {
  ensure_node
  cd "$ROOT"
  if [ ! -d node_modules ] || [ package.json -nt node_modules ] || [ yarn.lock -nt node_modules ]; then
    say "js: installing dependencies"
    jlpm install
    touch node_modules
  fi
  say "js: building the labextension"
  jlpm build
  jupyter-builder develop --overwrite . >/dev/null
}

# ensure_dockerd: a running Docker engine (started in the background if none answers).
ensure_dockerd() {
  ensure_apt docker.io
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  say "docker: starting dockerd"
  as_root sh -c 'nohup dockerd >/tmp/mlstudio-dockerd.log 2>&1 & echo $! >/tmp/mlstudio-dockerd.pid'
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "dockerd did not start; see /tmp/mlstudio-dockerd.log" >&2
  tail -20 /tmp/mlstudio-dockerd.log >&2 || true
  return 1
}
