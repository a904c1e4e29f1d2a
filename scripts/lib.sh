# Shared steps of scripts/start.sh and scripts/test.sh. Each step is idempotent: it installs only
# what is missing, so a second run is fast and a fresh machine gets everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"
export PIP_DISABLE_PIP_VERSION_CHECK=1
# What the editable installs build with (--no-build-isolation): the project's build backend and
# JupyterLab, and setuptools with its own bdist_wheel (70.1+) plus wheel for dependencies that
# PyPI has only as source (a venv's bundled setuptools cannot build those).
BUILD_TOOLS=("hatchling>=1.21" "hatch-jupyter-builder>=0.9" "hatch-nodejs-version>=0.3.2" editables
  "jupyterlab>=4.6,<5" "setuptools>=70.1" wheel)

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# pip_install PYTHON ARGS...: `pip install -q ARGS` into PYTHON's environment; fails when pip
# fails. This machine's pip configuration names local indexes that may be absent, and pip warns
# about each on every call: those lines are dropped, nothing else.
pip_install() {
  local python="$1"
  shift
  "$python" -m pip install -q "$@" 2>&1 | { grep -v '^WARNING: Location' || true; }
}

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
# clear_develop_record SOURCE: remove the install record that `jupyter-builder develop` leaves in
# the built labextension; a later wheel or editable build would add it beside the project's own
# install.json and fail ("a second file is being added to the wheel archive at the same path").
clear_develop_record() {
  rm -f "$1/jupyterlab_mlstudio/labextension/install.json"
}

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
    pip_install "$PY" -U pip
    pip_install "$PY" "${BUILD_TOOLS[@]}"
    clear_develop_record "$ROOT"
    (cd "$ROOT" && pip_install "$PY" --no-build-isolation -e ".${extras:+[$extras]}")
    # From outside the work tree, so the check finds the installed package, not the source folder.
    (cd / && "$PY" -c "import jupyterlab_mlstudio, sqlalchemy, tornado") # fails loudly if not
    touch "$stamp"
  fi
}

# ensure_ray: Ray (the 'ray' extra: about 290 MB more in the main venv; 1.5 min from pip's cache,
# 5 min cold, measured at load 18) for the tests' local cluster
# (tests/ray_helpers.py). Skipped when this Python already has the same Ray.
ensure_ray() {
  ensure_python test
  if ! "$PY" -c "import ray.dashboard, ray.job_submission" >/dev/null 2>&1; then
    say "python: installing Ray (the 'ray' extra)"
    pip_install "$PY" "ray[default]>=2.40,<3"
    (cd / && "$PY" -c "import ray.dashboard") # fails loudly if the install did not work
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

# ensure_hub_proxy: JupyterHub's proxy, configurable-http-proxy from npm, installed once under
# .cache/hub-proxy and put first on PATH (the hub starts it by that name).
HUB_PROXY_DIR="$ROOT/.cache/hub-proxy"
ensure_hub_proxy() {
  if [ ! -x "$HUB_PROXY_DIR/node_modules/.bin/configurable-http-proxy" ]; then
    ensure_node
    say "npm: installing configurable-http-proxy (JupyterHub's proxy)"
    mkdir -p "$HUB_PROXY_DIR"
    npm install --silent --no-save --no-audit --no-fund --prefix "$HUB_PROXY_DIR" \
      configurable-http-proxy@5 >/dev/null
  fi
  export PATH="$HUB_PROXY_DIR/node_modules/.bin:$PATH"
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

# -- other Pythons and an unprivileged user (scripts/test.sh) ------------------------------------

#: The account the process-backend suites also run as: an ordinary user, in the docker group.
CI_USER="${MLSTUDIO_CI_USER:-mlstudio-ci}"

# find_python SPEC: the path of an interpreter, printed; fails loudly when there is none.
#   debian  Debian's own /usr/bin/python3 (3.11.2 on bookworm: no TarFile.extractall filter)
#   3.10    the newest 3.10.x of pyenv (or python3.10 on PATH); likewise 3.12, 3.13, ...
find_python() {
  local spec="$1" found=""
  if [ "$spec" = "debian" ]; then
    [ -x /usr/bin/python3 ] && found=/usr/bin/python3
  else
    local pyenv="${PYENV_ROOT:-/root/.pyenv}"
    # Real interpreters, not pyenv's shims (shell scripts that add ~95 ms to every start).
    found="$(ls -d "$pyenv"/versions/"$spec".*/bin/python"$spec" 2>/dev/null | sort -V | tail -1 || true)"
    if [ -z "$found" ] && command -v "python$spec" >/dev/null 2>&1; then
      found="$(command -v "python$spec")"
      case "$found" in */shims/*) found="" ;; esac
    fi
  fi
  if [ -z "$found" ] || ! "$found" -c 'import sys' >/dev/null 2>&1; then
    echo "ERROR: Python '$spec' is not on this machine (looked for /usr/bin/python3, pyenv's" \
      "versions and python$spec on PATH); the suites must run on it." >&2
    return 1
  fi
  echo "$found"
}

# ensure_side_venv DIR PYTHON SOURCE: a venv made by PYTHON with SOURCE installed editable and the
# focused suites' dependencies (the test-core extra), reusing pip's cache.
ensure_side_venv() {
  local dir="$1" python="$2" source="$3"
  local stamp="$dir/.installed-test-core"
  if [ -f "$stamp" ] && [ ! "$source/pyproject.toml" -nt "$stamp" ] && [ "$(cat "$stamp")" = "$python" ]; then
    return 0
  fi
  say "python: $dir from $python ($("$python" -c 'import platform; print(platform.python_version())'))"
  rm -rf "$dir"
  "$python" -m venv "$dir"
  pip_install "$dir/bin/python" -U pip
  pip_install "$dir/bin/python" "${BUILD_TOOLS[@]}"
  clear_develop_record "$source"
  (cd "$source" && pip_install "$dir/bin/python" --no-build-isolation -e ".[test-core]")
  "$dir/bin/python" -c "import jupyterlab_mlstudio, pytest, xdist" # fails loudly if it did not work
  echo "$python" >"$stamp"
}

# ensure_sdk_venv DIR PYTHON REQUIREMENTS: a venv of one SageMaker SDK line (pinned in
# REQUIREMENTS, with ipykernel) that studio kernels of the SDK tests run in; remade when the pins
# change. The project is not installed there: notebooks see only what a user's environment has.
ensure_sdk_venv() {
  local dir="$1" python="$2" requirements="$3"
  local stamp="$dir/.installed-sdk" want
  want="$python $(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "python: $dir from $requirements"
  rm -rf "$dir"
  "$python" -m venv "$dir"
  pip_install "$dir/bin/python" -U pip
  pip_install "$dir/bin/python" -r "$requirements"
  "$dir/bin/python" -c "import sagemaker, boto3, ipykernel" # fails loudly if it did not work
  echo "$want" >"$stamp"
}

# ensure_ci_user: the unprivileged account, with a home of its own, in the docker group.
ensure_ci_user() {
  if ! id -u "$CI_USER" >/dev/null 2>&1; then
    say "users: creating the unprivileged user $CI_USER"
    as_root useradd --create-home --shell /bin/bash "$CI_USER"
  fi
  if getent group docker >/dev/null && ! id -nG "$CI_USER" | tr ' ' '\n' | grep -qx docker; then
    as_root usermod -aG docker "$CI_USER"
  fi
}

# user_home: the unprivileged user's home folder.
user_home() { getent passwd "$CI_USER" | cut -d: -f6; }

# stage_for_user: a copy of this work tree (tracked and new files, plus the built labextension)
# owned by the unprivileged user, with a venv of Debian's Python beside it. The user reads
# neither /root (where pyenv lives) nor writes this tree; nothing here is opened up for it.
stage_for_user() {
  local home copy
  home="$(user_home)"
  copy="$home/mlstudio"
  as_root rm -rf "$copy"
  as_root mkdir -p "$copy"
  (cd "$ROOT" && { git ls-files -z --cached --others --exclude-standard; \
    find jupyterlab_mlstudio/labextension jupyterlab_mlstudio/_version.py -print0 2>/dev/null; } \
    | tar --null --no-recursion -T - -cf -) | as_root tar -C "$copy" -xf -
  ensure_side_venv "$home/venv-debian" "$(find_python debian)" "$copy"
  as_root chown -R "$CI_USER:" "$copy"
}

# as_ci_user COMMAND...: run COMMAND in the user's copy, as that user, with its venv first on
# PATH and a clean environment (nothing of root's HOME, caches or Python leaks in).
as_ci_user() {
  local home
  home="$(user_home)"
  as_root runuser -u "$CI_USER" -- env -i HOME="$home" USER="$CI_USER" LANG=C.UTF-8 \
    PATH="$home/venv-debian/bin:/usr/local/bin:/usr/bin:/bin" \
    ${MLSTUDIO_TEST_DOCKER:+MLSTUDIO_TEST_DOCKER=$MLSTUDIO_TEST_DOCKER} \
    bash -c 'cd "$HOME/mlstudio" && exec "$@"' as-ci-user "$@"
}
