"""Hyperparameter tuning: search quality, the tuner's own pause, parallel speed-up, and our
cost per trial against Optuna tuning the same function in-process.

    python bench/tuning.py [--seeds 5] [--budget 20] [--jobs 8] [--skip-search] [--skip-jobs]

The task: gradient boosting on scikit-learn's bundled breast-cancer data, scored by the
validation log loss (minimized), over four hyperparameters of mixed kinds: learning_rate
(continuous, logarithmic), max_depth (integer), subsample (continuous, linear) and loss
(categorical).

1. Search quality, Bayesian against Random at equal budgets over several seeds: the median
   best loss after each number of trials, and the trials each needed to reach a target (the
   median over every run of the best loss after the whole budget). The searches are the very
   studies a tuning job drives (``tuning.plan.Plan`` and ``tuning.search.Search``: the same
   samplers, seeds and parameter mapping), asked and told in-process so that many seeds fit in
   a few minutes; part 2 runs them as real tuning jobs.
2. Through a server (a Jupyter server with ML Studio on 127.0.0.1, process backend): a Random
   tuning job of ``--jobs`` trials with MaxParallelTrainingJobs=1, then the same with 2.
   - the pause between one trial's end and the next trial's creation (serial job), median;
   - wall time of the parallel job over the serial one;
   - our wall time per trial over Optuna's ``study.optimize`` on the same function and sampler,
     and where the difference goes: the trial's states (Starting, Downloading, Training,
     Uploading), the script's imports, and the tuner's pause.
"""

from __future__ import annotations

import argparse
import io
import itertools
import statistics
import sys
import tarfile
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from tracking import TOKEN, start_ours

# The objective, shared word for word by the in-process searches and the trials' script.
OBJECTIVE_SOURCE = """
def evaluate(learning_rate, max_depth, subsample, loss):
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import log_loss
    from sklearn.model_selection import train_test_split

    features, labels = load_breast_cancer(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=0.3, random_state=0
    )
    model = GradientBoostingClassifier(
        n_estimators=30,
        learning_rate=float(learning_rate),
        max_depth=int(max_depth),
        subsample=float(subsample),
        loss=loss,
        random_state=0,
    ).fit(train_x, train_y)
    return float(log_loss(test_y, model.predict_proba(test_x)))
"""

TRAIN_SCRIPT = (
    """import time
started = time.perf_counter()
import argparse
import sklearn.ensemble  # noqa: F401  (the import cost, measured below)
print(f"import_seconds={time.perf_counter() - started:.4f}", flush=True)
"""
    + OBJECTIVE_SOURCE
    + """
parser = argparse.ArgumentParser()
for name in ("learning_rate", "max_depth", "subsample", "loss"):
    parser.add_argument(f"--{name}")
args, _ = parser.parse_known_args()
fit_started = time.perf_counter()
loss = evaluate(args.learning_rate, args.max_depth, args.subsample, args.loss)
print(f"fit_seconds={time.perf_counter() - fit_started:.4f}", flush=True)
print(f"logloss={loss:.6f}", flush=True)
"""
)

RANGES = {
    "ContinuousParameterRanges": [
        {
            "Name": "learning_rate",
            "MinValue": "0.001",
            "MaxValue": "1.0",
            "ScalingType": "Logarithmic",
        },
        {"Name": "subsample", "MinValue": "0.3", "MaxValue": "1.0", "ScalingType": "Linear"},
    ],
    "IntegerParameterRanges": [
        {"Name": "max_depth", "MinValue": "1", "MaxValue": "6", "ScalingType": "Linear"}
    ],
    "CategoricalParameterRanges": [{"Name": "loss", "Values": ["log_loss", "exponential"]}],
}


def request(name: str, strategy: str, budget: int, parallel: int, seed: int, code: str = ""):
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": {
            "Strategy": strategy,
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "logloss"},
            "ResourceLimits": {
                "MaxNumberOfTrainingJobs": budget,
                "MaxParallelTrainingJobs": parallel,
            },
            "ParameterRanges": RANGES,
            "RandomSeed": seed,
        },
        "TrainingJobDefinition": {
            "StaticHyperParameters": {
                "sagemaker_program": '"train.py"',
                "sagemaker_submit_directory": f'"{code or "file:///unused"}"',
            },
            "AlgorithmSpecification": {
                "TrainingImage": "default",
                "TrainingInputMode": "File",
                "MetricDefinitions": [
                    {"Name": "logloss", "Regex": r"logloss=([0-9.]+)"},
                    {"Name": "import_seconds", "Regex": r"import_seconds=([0-9.]+)"},
                    {"Name": "fit_seconds", "Regex": r"fit_seconds=([0-9.]+)"},
                ],
            },
            "RoleArn": "arn:aws:iam::000000000000:role/bench",
            "OutputDataConfig": {"S3OutputPath": "s3://tuning-bench/output"},
            "ResourceConfig": {"InstanceType": "local", "InstanceCount": 1, "VolumeSizeInGB": 1},
            "StoppingCondition": {"MaxRuntimeInSeconds": 600},
        },
    }


def evaluator() -> Any:
    scope: dict[str, Any] = {}
    exec(OBJECTIVE_SOURCE, scope)  # the shared objective text above
    return scope["evaluate"]


# -- 1. search quality ---------------------------------------------------------------------------


def search_curve(strategy: str, seed: int, budget: int, evaluate: Any) -> list[float]:
    """Best loss after each trial of one study, as a tuning job would drive it."""
    from jupyterlab_mlstudio.tuning.models import CreateTuningJobRequest
    from jupyterlab_mlstudio.tuning.plan import Plan
    from jupyterlab_mlstudio.tuning.search import Search

    body = request(f"bench-{strategy.lower()}-{seed}", strategy, budget, 1, seed)
    plan = Plan.read(CreateTuningJobRequest.model_validate(body, context={"aws": True}))
    search = Search(plan, seed, body["HyperParameterTuningJobName"])
    best: list[float] = []
    for number in range(1, budget + 1):
        params = search.ask(number)
        _definition, values = search.hyperparameters(params)
        loss = evaluate(**values)
        search.tell(number, "COMPLETE", loss)
        best.append(min(loss, best[-1]) if best else loss)
    return best


def search_quality(seeds: int, budget: int) -> None:
    evaluate = evaluator()
    curves: dict[str, list[list[float]]] = {"Bayesian": [], "Random": []}
    for seed in range(1, seeds + 1):
        for strategy in curves:
            curves[strategy].append(search_curve(strategy, seed, budget, evaluate))
    target = statistics.median(curve[-1] for runs in curves.values() for curve in runs)
    print(f"\n1. Search quality: {seeds} seeds x {budget} trials, validation log loss (lower wins)")
    print("   trials  " + "  ".join(f"{s:>9}" for s in curves))
    for count in sorted({1, 5, 10, 15, budget} & set(range(1, budget + 1))):
        medians = [statistics.median(run[count - 1] for run in curves[s]) for s in curves]
        print(f"   {count:>6}  " + "  ".join(f"{m:9.4f}" for m in medians))
    print(f"   target (median final best of all runs): {target:.4f}")
    for strategy, runs in curves.items():
        needed = [next((i + 1 for i, v in enumerate(run) if v <= target), None) for run in runs]
        reached = [n for n in needed if n is not None]
        text = f"median {statistics.median(reached):g}" if reached else "never"
        print(
            f"   {strategy:>9}: reached the target in {len(reached)}/{len(runs)} runs, "
            f"trials needed {needed} ({text})"
        )
    final = {s: statistics.median(run[-1] for run in runs) for s, runs in curves.items()}
    verdict = "beats" if final["Bayesian"] < final["Random"] else "does NOT beat"
    print(
        f"   Bayesian {verdict} Random: median final best {final['Bayesian']:.4f} "
        f"against {final['Random']:.4f}"
    )


# -- 2. through a server -------------------------------------------------------------------------


def seconds(value: datetime) -> float:
    return value.timestamp()


def run_tuning(sagemaker: Any, body: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    name = body["HyperParameterTuningJobName"]
    sagemaker.create_hyper_parameter_tuning_job(**body)
    deadline = time.monotonic() + 3600
    while True:
        described = sagemaker.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if described["HyperParameterTuningJobStatus"] not in ("InProgress", "Stopping"):
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"{name} did not finish within an hour")
        time.sleep(1.0)  # a benchmark's poll, not a test's synchronisation
    summaries = sagemaker.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=100
    )["TrainingJobSummaries"]
    trials = [
        sagemaker.describe_training_job(TrainingJobName=s["TrainingJobName"]) for s in summaries
    ]
    trials.sort(key=lambda t: t["CreationTime"])
    return described, trials


def ended_at(trial: dict[str, Any]) -> float:
    return max(
        seconds(t.get("EndTime") or t["StartTime"]) for t in trial["SecondaryStatusTransitions"]
    )


def state_seconds(trials: list[dict[str, Any]]) -> dict[str, float]:
    spent: dict[str, list[float]] = {}
    for trial in trials:
        for step in trial["SecondaryStatusTransitions"]:
            if step.get("EndTime"):
                spent.setdefault(step["Status"], []).append(
                    seconds(step["EndTime"]) - seconds(step["StartTime"])
                )
    return {state: statistics.median(values) for state, values in spent.items()}


def final_metric(trial: dict[str, Any], name: str) -> float | None:
    for metric in trial.get("FinalMetricDataList", []):
        if metric["MetricName"] == name:
            return float(metric["Value"])
    return None


def code_uri(url: str) -> str:
    s3 = boto3.client(
        "s3",
        endpoint_url=f"{url}/mlstudio/s3",
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key=TOKEN,
        config=Config(s3={"addressing_style": "path"}),
    )
    s3.create_bucket(Bucket="tuning-bench")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = TRAIN_SCRIPT.encode()
        info = tarfile.TarInfo("train.py")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    s3.put_object(Bucket="tuning-bench", Key="code/sourcedir.tar.gz", Body=buffer.getvalue())
    return "s3://tuning-bench/code/sourcedir.tar.gz"


def optuna_in_process(jobs: int, seed: int) -> float:
    """Wall seconds per trial of Optuna's own loop over the same function and sampler."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    evaluate = evaluator()

    def objective(trial: Any) -> float:
        return evaluate(
            trial.suggest_float("learning_rate", 0.001, 1.0, log=True),
            trial.suggest_int("max_depth", 1, 6),
            trial.suggest_float("subsample", 0.3, 1.0),
            trial.suggest_categorical("loss", ["log_loss", "exponential"]),
        )

    evaluate(0.1, 3, 1.0, "log_loss")  # imports done once, as a long-lived process has them
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=seed))
    started = time.perf_counter()
    study.optimize(objective, n_trials=jobs)
    return (time.perf_counter() - started) / jobs


def through_server(jobs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="mlstudio-bench-tuning-"))
    server, url = start_ours(work)
    try:
        sagemaker = boto3.client(
            "sagemaker",
            endpoint_url=f"{url}/mlstudio/aws",
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key=TOKEN,
            config=Config(retries={"max_attempts": 1}, read_timeout=120),
        )
        code = code_uri(url)
        walls = {}
        serial_trials: list[dict[str, Any]] = []
        for parallel in (1, 2):
            body = request(f"bench-p{parallel}", "Random", jobs, parallel, 1, code)
            described, trials = run_tuning(sagemaker, body)
            status = described["HyperParameterTuningJobStatus"]
            if status != "Completed":
                raise SystemExit(f"bench-p{parallel} ended {status}: {described}")
            walls[parallel] = seconds(described["HyperParameterTuningEndTime"]) - seconds(
                described["CreationTime"]
            )
            if parallel == 1:
                serial_trials = trials
        gaps = [
            seconds(after["CreationTime"]) - ended_at(before)
            for before, after in itertools.pairwise(serial_trials)
        ]
        gap_ms = statistics.median(gaps) * 1000
        print(f"\n2. Through the server: Random, {jobs} trials, process backend")
        print(
            f"   pause between a trial's end and the next one's creation (serial): median "
            f"{gap_ms:.0f} ms, max {max(gaps) * 1000:.0f} ms (target <= 100 ms): "
            f"{'met' if gap_ms <= 100 else 'NOT met'}"
        )
        ratio = walls[2] / walls[1]
        print(
            f"   wall time: serial {walls[1]:.1f} s, MaxParallelTrainingJobs=2 {walls[2]:.1f} s, "
            f"ratio {ratio:.2f} (target <= 0.6): {'met' if ratio <= 0.6 else 'NOT met'}"
        )
        ours = walls[1] / jobs
        theirs = optuna_in_process(jobs, 1)
        print(
            f"   per trial: ours {ours:.2f} s (serial), Optuna in-process {theirs:.2f} s, "
            f"ratio {ours / theirs:.1f}"
        )
        spent = state_seconds(serial_trials)
        imports = [final_metric(t, "import_seconds") for t in serial_trials]
        fits = [final_metric(t, "fit_seconds") for t in serial_trials]
        print("   where a trial's time goes (medians of the serial job's trials):")
        for state, value in spent.items():
            print(f"     {state:<12} {value:6.2f} s")
        if all(v is not None for v in imports + fits):
            print(
                f"     of Training: imports {statistics.median(imports):.2f} s, "
                f"fit {statistics.median(fits):.2f} s (the part Optuna also pays)"
            )
        print(f"     tuner pause {gap_ms / 1000:6.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--budget", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M')}")
    if not args.skip_search:
        search_quality(args.seeds, args.budget)
    if not args.skip_jobs:
        through_server(args.jobs)


if __name__ == "__main__":
    main()
