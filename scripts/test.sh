#!/usr/bin/env bash
# Installs everything the tests need (Debian packages, a Docker engine, Chromium, PostgreSQL,
# Python and npm dependencies), then runs every suite: lint, type checks, pytest, Jest, the
# wheel check and Galata in Chromium. The focused suites (process backend, training, kernels,
# archives, store) also run on the oldest and newest supported Pythons (pyenv's 3.10 and 3.13)
# and, on Debian's own python3 (3.11.2, without TarFile.extractall's filter), as an unprivileged
# user of the docker group. Prints how long each step took. Exits non-zero if any suite fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# What runs on every Python and as the unprivileged user: whatever touches processes, mounts,
# archives and the store. New job kinds add their process-backend suites here.
FOCUSED=(
  tests/test_process_isolation.py
  tests/test_warm_starts.py
  tests/test_archives.py
  tests/test_training_opt_ml.py
  tests/test_kernels_reaping.py
  tests/test_training.py
  tests/test_training_contract.py
  tests/test_training_faults.py
  tests/test_kernels.py
  tests/test_store.py
  tests/test_restart.py
)
# torch is installed for the main Python only (its CPU wheel lies on disk for 3.11 alone).
FOCUSED_ARGS=(-n 2 --dist loadfile -k "not pytorch")

failures=()
timings=()
# The disk space left, printed after every step: a run once died of a full disk half-way.
disk_free() { df -BM --output=avail "$ROOT" /tmp 2>/dev/null | tail -n +2 | tr -d ' ' | sort -n | head -1; }
timed() {
  local name="$1" begin
  shift
  begin=$(date +%s)
  "$@"
  timings+=("$(printf '%-38s %4ss  ok      %8s free' "$name" $(($(date +%s) - begin)) "$(disk_free)")")
}
say "Disk: $(disk_free) free where the tests write"

install_main() {
  ensure_apt chromium debootstrap postgresql ca-certificates
  ensure_python test
  ensure_frontend
  ensure_hub_proxy
}
install_docker() {
  ensure_dockerd
  bash "$ROOT/scripts/build_images.sh"
}
install_side() {
  ensure_side_venv "$ROOT/.venv-3.10" "$PYTHON_OLDEST" "$ROOT"
  ensure_side_venv "$ROOT/.venv-3.13" "$PYTHON_NEWEST" "$ROOT"
  ensure_ci_user
  stage_for_user
  echo $(($(date +%s) - side_started)) >"$side_log.took"
}

started=$(date +%s)
timed "install: apt, main venv, front end" install_main
timed "install: docker engine and images" install_docker
export MLSTUDIO_TEST_DOCKER=1
# The Ray cluster tests (tests/test_ray_*.py) skip, saying why, where Ray is not installed: the
# test command does not install it yet (see CONTRIBUTING.md). `bash -c 'source scripts/lib.sh &&
# ensure_ray'` installs it; MLSTUDIO_RAY_REQUIRED=1 makes a missing Ray or cluster fail them.
# The other Pythons must be there: a missing one fails the run here, loudly.
PYTHON_OLDEST="$(find_python 3.10)"
PYTHON_NEWEST="$(find_python 3.13)"
# Their venvs and the unprivileged user's copy are made in the background, on the core the
# lint and type checks leave free; the suites that need them wait for it.
side_log="$(mktemp /tmp/mlstudio-side-install.XXXXXX)"
side_started=$(date +%s)
(install_side >"$side_log" 2>&1) &
side_pid=$!
wait_for_side() {
  if [ -n "${side_pid:-}" ]; then
    local status=0
    wait "$side_pid" || status=$?
    side_pid=""
    cat "$side_log"
    if [ $status -ne 0 ]; then
      timings+=("$(printf '%-38s %4ss  FAILED' "install: other Pythons, user (bg)" $(($(date +%s) - side_started)))")
      echo "Installing the other Pythons' venvs or the unprivileged user failed" >&2
      failures+=("install: other Pythons, user")
      return 0
    fi
    timings+=("$(printf '%-38s %4ss  ok' "install: other Pythons, user (bg)" "$(cat "$side_log.took")")")
  fi
}
# The SageMaker SDK venvs (one per line, tests/sdk/*-requirements.txt) download about 1.3 GB on
# a cold cache: made in the background too; the SDK notebook tests fail, not skip, without them.
sdk_log="$(mktemp /tmp/mlstudio-sdk-install.XXXXXX)"
sdk_started=$(date +%s)
PYTHON_SDK="$(find_python 3.11)"
(
  ensure_sdk_venv "$ROOT/.venv-sdk2" "$PYTHON_SDK" "$ROOT/tests/sdk/sdk2-requirements.txt" &
  sdk2=$!
  status=0
  ensure_sdk_venv "$ROOT/.venv-sdk3" "$PYTHON_SDK" "$ROOT/tests/sdk/sdk3-requirements.txt" || status=1
  wait "$sdk2" || status=1
  exit $status
) >"$sdk_log" 2>&1 &
sdk_pid=$!
export MLSTUDIO_SDK_VENVS_REQUIRED=1
wait_for_sdk() {
  local status=0
  wait "$sdk_pid" || status=$?
  cat "$sdk_log"
  timings+=("$(printf '%-38s %4ss  %s' "install: SageMaker SDK venvs (bg)" \
    $(($(date +%s) - sdk_started)) "$([ $status -eq 0 ] && echo ok || echo FAILED)")")
  [ $status -eq 0 ] || failures+=("install: SageMaker SDK venvs")
}
installed=$(date +%s)

run_step() {
  local name="$1"
  shift
  say "$name"
  local begin
  begin=$(date +%s)
  if (cd "$ROOT" && "$@"); then
    timings+=("$(printf '%-38s %4ss  ok      %8s free' "$name" $(($(date +%s) - begin)) "$(disk_free)")")
  else
    timings+=("$(printf '%-38s %4ss  FAILED  %8s free' "$name" $(($(date +%s) - begin)) "$(disk_free)")")
    failures+=("$name")
  fi
}

run_step "ruff" sh -c "ruff check . && ruff format --check ."
run_step "mypy" mypy
run_step "eslint + prettier" jlpm lint:check
run_step "tsc" jlpm typecheck
run_step "api types" jlpm api:check
run_step "jest" jlpm test
wait_for_side
# The SDK notebook tests run last of the Python suites, so the SDK venvs have the most time.
run_step "pytest" python -m pytest -n 2 --dist loadfile --ignore-glob='tests/test_sdk_*' --durations=15
run_step "pytest focused (python 3.10)" .venv-3.10/bin/python -m pytest "${FOCUSED_ARGS[@]}" "${FOCUSED[@]}"
run_step "pytest focused (python 3.13)" .venv-3.13/bin/python -m pytest "${FOCUSED_ARGS[@]}" "${FOCUSED[@]}"
run_step "pytest focused (unprivileged, $(/usr/bin/python3 -V | cut -d' ' -f2))" \
  as_ci_user python -m pytest "${FOCUSED_ARGS[@]}" "${FOCUSED[@]}" \
  tests/test_docker_user.py tests/test_kernels_docker.py
wait_for_sdk
run_step "pytest (SageMaker SDK, both lines)" sh -c 'python -m pytest -n 2 --dist loadfile tests/test_sdk_*.py'
run_step "wheel (pip only)" bash scripts/check_wheel.sh
run_step "galata (chromium)" sh -c "cd ui-tests && jlpm install && jlpm playwright test"

say "Summary (installs took $((installed - started))s)"
printf '  %s\n' "${timings[@]}"
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED: ${failures[*]}"
  exit 1
fi
echo "All suites passed in $(($(date +%s) - started))s."
