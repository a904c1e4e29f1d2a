"""Several servers of one domain on one store: they start (and migrate) at the same moment and
write at the same time, on a shared SQLite file (a trial's hub) and on PostgreSQL (a team's)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from jupyterlab_mlstudio.core.context import RequestContext
from jupyterlab_mlstudio.experiments.orm import ExperimentRecord
from jupyterlab_mlstudio.store import Database
from jupyterlab_mlstudio.store.database import head_revision
from tests.postgres_helpers import new_database

SERVERS = 4
EXPERIMENTS_EACH = 15


def _server(url: str, name: str, start: multiprocessing.synchronize.Barrier) -> None:
    """What a server of the domain does with the store: migrate on start, then write."""
    from jupyterlab_mlstudio.experiments.service import ExperimentService

    database = Database(url)
    start.wait(timeout=60)
    database.upgrade()
    service = ExperimentService(database)
    context = RequestContext(owner=name)
    for index in range(EXPERIMENTS_EACH):
        service.create_experiment(context, f"{name}-{index}")
    database.dispose()


def _run_servers(url: str) -> list[int | None]:
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(SERVERS)
    processes = [
        fork.Process(target=_server, args=(url, f"user{index}", start)) for index in range(SERVERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=240)
    return [process.exitcode for process in processes]


@pytest.fixture
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    with new_database(postgres_url, "shared") as url:
        yield url


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_servers_starting_together_on_one_new_store_all_start_and_all_writes_land(
    dialect, tmp_path, request
):
    # Given a new, empty store shared by the domain's servers
    url = (
        f"sqlite:///{tmp_path / 'domain.db'}"
        if dialect == "sqlite"
        else request.getfixturevalue("fresh_postgres")
    )

    # When four servers start at the same moment (each migrating) and each writes experiments
    exit_codes = _run_servers(url)

    # Then every one of them ran to the end, the schema is at head once, and nothing was lost
    assert exit_codes == [0] * SERVERS
    database = Database(url)
    try:
        assert database.revision() == head_revision()
        with database.session() as session:
            counts = dict(
                session.execute(
                    select(ExperimentRecord.owner, func.count()).group_by(ExperimentRecord.owner)
                ).all()
            )
    finally:
        database.dispose()
    assert counts == {f"user{index}": EXPERIMENTS_EACH for index in range(SERVERS)}
