"""The SageMaker SDK venvs the SDK tests run (one per line: the lines conflict)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def sdk_venv(line: str) -> Path:
    """The venv of SDK line ``line`` ("sdk2", "sdk3"); skips loudly (fails in CI) without it."""
    venv = Path(os.environ.get(f"MLSTUDIO_{line.upper()}_VENV") or ROOT / f".venv-{line}")
    if (venv / "bin" / "python").exists():
        return venv
    message = (
        f"no venv of the SageMaker SDK's {line} line at {venv}; make it with: bash -c 'source "
        f'scripts/lib.sh && ensure_sdk_venv "$ROOT/.venv-{line}" "$(find_python 3.11)" '
        f'"$ROOT/tests/sdk/{line}-requirements.txt"\''
    )
    if os.environ.get("MLSTUDIO_SDK_VENVS_REQUIRED") == "1":
        pytest.fail(message)
    pytest.skip(f"SKIPPED, NOT RUN: {message}")
