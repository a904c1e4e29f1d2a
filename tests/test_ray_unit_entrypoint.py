"""The entrypoint every Ray unit runs on its node (``runtime/ray/unit.py``), run for real in a
working folder as Ray would extract it: /opt/ml paths point into the folder, the command runs
there, and its end is reported in the line the backend reads (no cluster needed for this)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from jupyterlab_mlstudio.runtime.ray.backend import MARK, UNIT_SCRIPT


def working_folder(root: Path, script: str, **unit: object) -> Path:
    (root / "code").mkdir(parents=True)
    (root / "code" / "train.py").write_text(script)
    (root / ".mlstudio").mkdir()
    shutil.copy(UNIT_SCRIPT, root / ".mlstudio" / "unit.py")
    described = {
        "unit": "u-1",
        "command": ["python", "/opt/ml/code/train.py", "--out", "/opt/ml/model"],
        "workdir": "/opt/ml/code",
        "env": {
            "SM_MODEL_DIR": "/opt/ml/model",
            "SM_TRAINING_ENV": json.dumps({"model_dir": "/opt/ml/model"}),
            "SAGEMAKER_ADMIN_CONFIG_OVERRIDE": "/opt/mlstudio/aws/config.yaml",
        },
        "mounts": [
            {"target": "/opt/ml", "folder": "."},
            {"target": "/opt/mlstudio/aws", "folder": ".mounts/1"},
        ],
        "first_of": 0,
        "grace": 2,
        **unit,
    }
    (root / ".mlstudio" / "unit.json").write_text(json.dumps(described))
    return root


def marks(output: str) -> dict[str, object]:
    found = {}
    for line in output.split("\n"):  # not splitlines: the mark starts with \x1e
        if line.startswith(MARK):
            kind, _, payload = line[len(MARK) :].partition(" ")
            found[kind] = json.loads(payload)
    return found


def test_paths_point_into_the_working_folder_and_the_end_is_reported(tmp_path):
    script = (
        "import json, os, sys\n"
        "print(json.dumps({'cwd': os.getcwd(), 'argv': sys.argv[1:], 'python': sys.executable,"
        " 'model': os.environ['SM_MODEL_DIR'],"
        " 'env': json.loads(os.environ['SM_TRAINING_ENV']),"
        " 'aws': os.environ['SAGEMAKER_ADMIN_CONFIG_OVERRIDE']}), flush=True)\n"
        "open(os.path.join(os.environ['SM_MODEL_DIR'], 'm.txt'), 'w').write('x')\n"
        "sys.exit(3)\n"
    )
    root = working_folder(tmp_path / "w", script).resolve()
    done = subprocess.run(
        [sys.executable, ".mlstudio/unit.py"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    first, said = done.stdout.split("\n")[:2]  # not splitlines: the mark starts with \x1e
    assert first == f"{MARK}start {{}}"  # before it, a Ray job's log holds Ray's own lines
    seen = json.loads(said)
    assert seen["cwd"] == str(root / "code")
    assert seen["argv"] == ["--out", str(root / "model")]
    assert seen["python"] == sys.executable
    assert seen["model"] == str(root / "model")
    assert seen["env"] == {"model_dir": str(root / "model")}
    assert seen["aws"] == str(root / ".mounts" / "1" / "config.yaml")
    assert (root / "model" / "m.txt").read_text() == "x"
    assert marks(done.stdout)["exit"] == {"exit_code": 3}


def test_sigterm_reaches_the_command_which_is_killed_after_the_grace_period(tmp_path):
    script = (
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: print('ignoring SIGTERM', flush=True))\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    root = working_folder(tmp_path / "w", script)
    unit = subprocess.Popen(
        [sys.executable, ".mlstudio/unit.py"], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert unit.stdout is not None
    assert unit.stdout.readline().strip() == f"{MARK}start {{}}".strip()
    assert unit.stdout.readline().strip() == "ready"
    # As Ray's stop does: SIGTERM to the entrypoint and to each of its descendants
    child = int(
        subprocess.run(
            ["pgrep", "-P", str(unit.pid)], capture_output=True, text=True, check=True
        ).stdout.split()[0]
    )
    began = time.monotonic()
    unit.send_signal(signal.SIGTERM)
    subprocess.run(["kill", "-TERM", str(child)], check=True)
    rest, _ = unit.communicate(timeout=30)
    assert 1.5 < time.monotonic() - began < 20
    assert "ignoring SIGTERM" in rest
    assert marks(rest)["exit"] == {"exit_code": None, "signal": 9, "stopped": True}
