"""The record store: migrations, every record's domain/space/owner, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from jupyterlab_mlstudio.core.context import RequestContext
from jupyterlab_mlstudio.store import Database
from jupyterlab_mlstudio.store.models import metadata
from jupyterlab_mlstudio.training.models import SortBy, SortOrder, TrainingJobQuery
from jupyterlab_mlstudio.training.orm import TrainingJobRecord
from jupyterlab_mlstudio.training.service import list_jobs
from jupyterlab_mlstudio.training.states import SecondaryStatus as S
from jupyterlab_mlstudio.training.states import begin, transition

from .store_helpers import head_revision


@pytest.fixture
def sqlite_db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'store.db'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def postgresql_db(postgres_url):
    database = Database(postgres_url)
    with database.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request):
    return request.getfixturevalue(f"{request.param}_db")


def test_migrations_build_exactly_the_tables_the_models_describe(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
    assert db.revision() == head_revision()


def test_every_table_carries_domain_space_and_owner(db):
    inspector = inspect(db.engine)
    tables = [name for name in inspector.get_table_names() if name != "alembic_version"]
    assert tables
    for table in tables:
        columns = {column["name"]: column for column in inspector.get_columns(table)}
        for name in ("domain", "space", "owner"):
            assert name in columns, f"{table} lacks {name}"
            assert columns[name]["nullable"] is False


def test_sqlite_store_runs_in_wal_mode(sqlite_db):
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrade_is_idempotent(sqlite_db):
    sqlite_db.upgrade()
    assert sqlite_db.revision() == head_revision()


def _seed(db, count, domain="d-default"):
    """Finished jobs, every other one Completed (else Failed), moved there by their machine."""
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    path = [S.DOWNLOADING, S.TRAINING, S.UPLOADING, S.COMPLETED]
    with db.session() as session:
        for index in range(count):
            created = int((start + timedelta(minutes=index)).timestamp() * 1000)
            record = TrainingJobRecord(
                name=f"job-{index:03d}",
                arn=f"arn:aws:sagemaker:local:000000000000:training-job/job-{index:03d}",
                creation_time=created,
                last_modified_time=created,
                request={},
                final_metrics=[],
                runtime={},
                domain=domain,
                space="default",
                owner="tester",
            )
            begin(record, created)
            for state in path if index % 2 else [S.FAILED]:
                transition(record, state, state.value, at=created)
            session.add(record)


def test_listing_pages_filters_and_sorts_in_the_callers_domain(db):
    _seed(db, 25)
    _seed(db, 3, domain="d-other")
    context = RequestContext(owner="tester")

    names, token = [], None
    while True:
        page = list_jobs(db, context, TrainingJobQuery(max_results=10, next_token=token))
        names += [item.training_job_name for item in page.training_job_summaries]
        token = page.next_token
        if token is None:
            break
    assert names == [f"job-{index:03d}" for index in reversed(range(25))]

    failed = list_jobs(db, context, TrainingJobQuery(status_equals="Failed", max_results=100))
    assert {item.training_job_status.value for item in failed.training_job_summaries} == {"Failed"}
    assert len(failed.training_job_summaries) == 13

    by_name = list_jobs(
        db,
        context,
        TrainingJobQuery(
            sort_by=SortBy.NAME, sort_order=SortOrder.ASCENDING, name_contains="02", max_results=3
        ),
    )
    assert [item.training_job_name for item in by_name.training_job_summaries] == [
        "job-002",
        "job-020",
        "job-021",
    ]

    after = datetime(2026, 1, 1, 0, 20, tzinfo=timezone.utc)
    recent = list_jobs(db, context, TrainingJobQuery(creation_time_after=after, max_results=100))
    assert [item.training_job_name for item in recent.training_job_summaries] == [
        "job-024",
        "job-023",
        "job-022",
        "job-021",
    ]

    other = list_jobs(db, RequestContext(owner="x", domain="d-other"), TrainingJobQuery())
    assert len(other.training_job_summaries) == 3


def test_a_damaged_paging_token_is_invalid_input(sqlite_db):
    from jupyterlab_mlstudio.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="NextToken"):
        list_jobs(sqlite_db, RequestContext(owner="x"), TrainingJobQuery(next_token="%%%"))


class TestServerOnPostgres:
    @pytest.fixture
    def mlstudio_config(self, postgresql_db, postgres_url):
        return {"db_url": postgres_url}

    async def test_server_uses_the_configured_sqlalchemy_url(self, api):
        code, body = await api("GET", "status")
        assert code == 200
        assert body["store"]["dialect"] == "postgresql"
        assert body["store"]["revision"] == head_revision()
