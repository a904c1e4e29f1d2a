#!/usr/bin/env bash
# Builds the Docker images the tests and examples use, locally (no image registry is needed):
#   mlstudio/python-base:bookworm  Debian bookworm (minbase) with Python 3, from debootstrap
#   mlstudio/sklearn:latest        + numpy, scikit-learn and ipykernel from PyPI
#   mlstudio/sklearn-serve:latest  + uvicorn and Starlette, and a `serve` command (SageMaker's
#                                  serving contract, run by ML Studio's serving units)
#   mlstudio/algorithms:latest     + xgboost, this package and SageMaker's `train` and `serve`:
#                                  the built-in algorithms and the scikit-learn and XGBoost
#                                  framework images on Docker
#   mlstudio/pytorch:latest        + torch (CPU): the PyTorch framework images on Docker; only
#                                  with the argument `pytorch` (about 1 GB more)
# Each image is built only when missing or its recipe changed (--force rebuilds).
# Usage: build_images.sh [--force] [pytorch]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=0
pytorch=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    pytorch) pytorch=1 ;;
    *) echo "usage: $0 [--force] [pytorch]" >&2; exit 2 ;;
  esac
done
BASE=mlstudio/python-base:bookworm
SKLEARN=mlstudio/sklearn:latest
SERVE=mlstudio/sklearn-serve:latest
ALGORITHMS=mlstudio/algorithms:latest
PYTORCH=mlstudio/pytorch:latest
TORCH_VERSION=2.13.0
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

have() { docker image inspect "$1" >/dev/null 2>&1; }

if [ $force -eq 1 ] || ! have "$BASE"; then
  ensure_apt debootstrap
  say "docker: building $BASE with debootstrap"
  rootfs="$(mktemp -d)"
  trap 'as_root rm -rf "$rootfs"' EXIT
  as_root debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates bookworm "$rootfs" "$MIRROR" \
    >/tmp/mlstudio-debootstrap.log 2>&1 || { tail -30 /tmp/mlstudio-debootstrap.log; exit 1; }
  as_root rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/var/lib/apt/lists"/*
  as_root tar -C "$rootfs" -c . | docker import -c 'CMD ["python3"]' -c 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
fi

# Rebuilt when its Dockerfile changed since the image was built (the recipe label differs).
context="$ROOT/images/sklearn"
recipe="$(sha256sum "$context/Dockerfile" | cut -c1-16)"
built="$(docker image inspect -f '{{ index .Config.Labels "mlstudio.recipe" }}' "$SKLEARN" 2>/dev/null || true)"
if [ $force -eq 1 ] || [ "$built" != "$recipe" ]; then
  say "docker: building $SKLEARN"
  cp /etc/ssl/certs/ca-certificates.crt "$context/host-ca.crt"
  docker build --network host -q --label "mlstudio.recipe=$recipe" -t "$SKLEARN" "$context" >/dev/null
  rm -f "$context/host-ca.crt"
fi

# The serving image: rebuilt when its recipe (Dockerfile and serve) changed, or when the
# scikit-learn image under it was rebuilt.
context="$ROOT/images/sklearn-serve"
base_id="$(docker image inspect -f '{{ .Id }}' "$SKLEARN")"
recipe="$(cat "$context/Dockerfile" "$context/serve" | sha256sum | cut -c1-16)-${base_id:7:12}"
built="$(docker image inspect -f '{{ index .Config.Labels "mlstudio.recipe" }}' "$SERVE" 2>/dev/null || true)"
if [ $force -eq 1 ] || [ "$built" != "$recipe" ]; then
  say "docker: building $SERVE"
  cp /etc/ssl/certs/ca-certificates.crt "$context/host-ca.crt"
  docker build --network host -q --label "mlstudio.recipe=$recipe" -t "$SERVE" "$context" >/dev/null
  rm -f "$context/host-ca.crt"
fi

# The algorithms image: rebuilt when its recipe (Dockerfile, train, serve), this package's
# code (copied into the image for use without ML Studio's mount) or the image under it changed.
context="$ROOT/images/algorithms"
code_hash="$(cd "$ROOT" && find jupyterlab_mlstudio -path jupyterlab_mlstudio/labextension -prune \
  -o -name __pycache__ -prune -o -type f ! -name '*.pyc' -print | LC_ALL=C sort | xargs sha256sum \
  | sha256sum | cut -c1-12)"
base_id="$(docker image inspect -f '{{ .Id }}' "$SERVE")"
recipe="$(cat "$context/Dockerfile" "$context/train" "$context/serve" | sha256sum | cut -c1-16)"
recipe="$recipe-${base_id:7:12}-$code_hash"
built="$(docker image inspect -f '{{ index .Config.Labels "mlstudio.recipe" }}' "$ALGORITHMS" 2>/dev/null || true)"
if [ $force -eq 1 ] || [ "$built" != "$recipe" ]; then
  say "docker: building $ALGORITHMS"
  replaced="$(docker image inspect -f '{{ .Id }}' "$ALGORITHMS" 2>/dev/null || true)"
  rm -rf "$context/python"
  mkdir -p "$context/python"
  tar -C "$ROOT" --exclude=jupyterlab_mlstudio/labextension --exclude=__pycache__ \
    --exclude='*.pyc' -c jupyterlab_mlstudio | tar -C "$context/python" -x
  cp /etc/ssl/certs/ca-certificates.crt "$context/host-ca.crt"
  docker build --network host -q --label "mlstudio.recipe=$recipe" -t "$ALGORITHMS" "$context" >/dev/null
  rm -rf "$context/host-ca.crt" "$context/python"
  # Its code changes often: drop the image it replaces (kept if a container still uses it).
  if [ -n "$replaced" ] && [ "$replaced" != "$(docker image inspect -f '{{ .Id }}' "$ALGORITHMS")" ]; then
    docker rmi "$replaced" >/dev/null 2>&1 || true
  fi
fi

# The PyTorch image, on request. torch's CPU wheel is taken from pip's find-links folders of
# this machine when one holds it (for Debian bookworm's Python 3.11), else from PyTorch's CPU
# index (PyPI's torch is the multi-GB CUDA build).
if [ $pytorch -eq 1 ]; then
  context="$ROOT/images/pytorch"
  base_id="$(docker image inspect -f '{{ .Id }}' "$SERVE")"
  recipe="$(sha256sum "$context/Dockerfile" | cut -c1-16)-${base_id:7:12}-$TORCH_VERSION"
  built="$(docker image inspect -f '{{ index .Config.Labels "mlstudio.recipe" }}' "$PYTORCH" 2>/dev/null || true)"
  if [ $force -eq 1 ] || [ "$built" != "$recipe" ]; then
    say "docker: building $PYTORCH"
    rm -rf "$context/wheels"
    mkdir -p "$context/wheels"
    index=(--build-arg "TORCH_INDEX=https://download.pytorch.org/whl/cpu")
    for folder in ${PIP_FIND_LINKS:-} $(pip config get global.find-links 2>/dev/null || true); do
      for wheel in "$folder"/torch-"$TORCH_VERSION"+cpu-cp311-cp311-manylinux*_x86_64.whl; do
        if [ -f "$wheel" ]; then
          cp "$wheel" "$context/wheels/" && index=()
          break 2
        fi
      done
    done
    cp /etc/ssl/certs/ca-certificates.crt "$context/host-ca.crt"
    docker build --network host -q --label "mlstudio.recipe=$recipe" \
      --build-arg "TORCH_VERSION=$TORCH_VERSION" "${index[@]}" -t "$PYTORCH" "$context" >/dev/null
    rm -rf "$context/host-ca.crt" "$context/wheels"
  fi
fi
