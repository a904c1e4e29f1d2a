#!/usr/bin/env bash
# Builds the Docker images the tests and examples use, locally (no image registry is needed):
#   mlstudio/python-base:bookworm  Debian bookworm (minbase) with Python 3, from debootstrap
#   mlstudio/sklearn:latest        + numpy, scikit-learn and ipykernel from PyPI
#   mlstudio/sklearn-serve:latest  + uvicorn and Starlette, and a `serve` command (SageMaker's
#                                  serving contract, run by ML Studio's serving units)
# Each image is built only when missing or its recipe changed (--force rebuilds).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=0
[ "${1:-}" = "--force" ] && force=1
BASE=mlstudio/python-base:bookworm
SKLEARN=mlstudio/sklearn:latest
SERVE=mlstudio/sklearn-serve:latest
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
