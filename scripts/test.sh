#!/usr/bin/env bash
# Installs everything the tests need (Debian packages, a Docker engine, Chromium, PostgreSQL,
# Python and npm dependencies), then runs every suite: lint, type checks, pytest, Jest, the
# wheel check and Galata in Chromium. Exits non-zero if any suite fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started=$(date +%s)
ensure_apt chromium debootstrap postgresql ca-certificates
ensure_python test
ensure_frontend
ensure_dockerd
bash "$ROOT/scripts/build_images.sh"
export MLSTUDIO_TEST_DOCKER=1
installed=$(date +%s)

failures=()
timings=()
run_step() {
  local name="$1"
  shift
  say "$name"
  local begin
  begin=$(date +%s)
  if (cd "$ROOT" && "$@"); then
    timings+=("$(printf '%-22s %4ss  ok' "$name" $(($(date +%s) - begin)))")
  else
    timings+=("$(printf '%-22s %4ss  FAILED' "$name" $(($(date +%s) - begin)))")
    failures+=("$name")
  fi
}

run_step "ruff" sh -c "ruff check . && ruff format --check ."
run_step "mypy" mypy
run_step "eslint + prettier" jlpm lint:check
run_step "tsc" jlpm typecheck
run_step "api types" jlpm api:check
run_step "jest" jlpm test
run_step "pytest" python -m pytest -n 2 --dist loadfile
run_step "wheel (pip only)" bash scripts/check_wheel.sh
run_step "galata (chromium)" sh -c "cd ui-tests && jlpm install && jlpm playwright test"

say "Summary (installs took $((installed - started))s)"
printf '  %s\n' "${timings[@]}"
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED: ${failures[*]}"
  exit 1
fi
echo "All suites passed in $(($(date +%s) - started))s."
