"""Tuning from the Python client (a Tuner with create_training_job's arguments plus ranges,
objective and limits) and from the %%mlstudio tune magic, over real scikit-learn training."""

from __future__ import annotations

import io

import pandas
import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.client.tuning import Tuner
from jupyterlab_mlstudio.magics import MagicFailed

from .aws_helpers import in_thread
from .training_helpers import FIXTURES

SCRIPT = (FIXTURES / "tune_sklearn" / "train.py").read_text()


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return Client(
        url=f"http://localhost:{jp_http_port}{jp_base_url}",
        token=jp_serverapp.identity_provider.token,
    )


async def test_a_tuner_waits_with_live_progress_and_returns_the_best_job(client, tmp_path):
    (tmp_path / "train.py").write_text(SCRIPT)
    # Given a tuner over two parameters of a real classifier
    tuner = Tuner(
        client,
        tmp_path / "train.py",
        name="client-tune",
        ranges={"max_depth": "1:6:int", "criterion": ["gini", "entropy"]},
        objective="accuracy",
        metric_definitions={"accuracy": r"accuracy=([0-9.]+)"},
        hyperparameters={"epochs": 2},
        strategy="Random",
        seed=5,
        max_jobs=3,
        max_parallel=2,
    )
    # When it runs and the client waits, printing its progress
    job = await in_thread(tuner.fit, wait=False)
    printed = io.StringIO()
    best = await in_thread(job.wait, out=printed, poll=0.2)
    # Then the progress ended with every trial done and a best value
    last = printed.getvalue().strip().splitlines()[-1]
    assert "client-tune: Completed" in last and "3/3 trials done" in last, last
    assert "best accuracy=" in last
    # And the trials make a pandas table with the objective and the tuned values
    table = pandas.DataFrame(await in_thread(tuner.trials))
    assert list(table["number"]) == [1, 2, 3]
    assert set(table["status"]) == {"Completed"}
    assert table["accuracy"].between(0.5, 1.0).all()
    assert set(table["criterion"]) <= {"gini", "entropy"}
    # And the best job returned is the trial with the highest accuracy
    top = table.loc[table["accuracy"].idxmax(), "training_job_name"]
    assert best is not None and best.name == top


async def test_tune_cell_magic_runs_the_cell_in_each_trial(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, capsys, ipython_shell
):
    monkeypatch.setenv("MLSTUDIO_URL", f"http://localhost:{jp_http_port}{jp_base_url}")
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")
    # When a cell is tuned by the magic
    job = await in_thread(
        shell.run_cell_magic,
        "mlstudio",
        "tune --name magic-tune --range max_depth=1:4:int --range criterion=gini,entropy"
        " --objective accuracy:max --max-jobs 2 --parallel 2 --strategy Random --seed 2"
        " --hp epochs=1",
        SCRIPT,
    )
    # Then both trials ran the cell and the best one is named
    assert await in_thread(lambda: job.describe().hyper_parameter_tuning_job_status.value) == (
        "Completed"
    )
    trials = await in_thread(job.trials)
    assert len(trials) == 2 and all(0.5 < row["accuracy"] <= 1.0 for row in trials)
    assert "magic-tune Completed; best: magic-tune-00" in capsys.readouterr().out
    # And a malformed objective is refused with the rule it broke
    with pytest.raises(MagicFailed, match="--objective must look like METRIC:max"):
        await in_thread(
            shell.run_cell_magic, "mlstudio", "tune --objective accuracy --range a=1:2", "print(1)"
        )
