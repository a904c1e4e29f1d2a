"""Review queues on the MLflow face, driven by the real mlflow client
(``mlflow.genai.review_queues``) and raw REST. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw, _traced, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.genai import review_queues  # noqa: E402
from mlflow.tracking._tracking_service.utils import _get_store  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


async def test_a_custom_queue_reads_back_by_id_and_by_name_regardless_of_case():
    def scenario():
        experiment = mlflow.create_experiment("queues-read")
        created = review_queues.create_review_queue(
            "Billing", queue_type="custom", users=["ana", "bo"], experiment_id=experiment
        )
        by_id = review_queues.get_review_queue(queue_id=created.queue_id)
        by_name = review_queues.get_review_queue(name="billing", experiment_id=experiment)
        return created, by_id, by_name

    created, by_id, by_name = await in_thread(scenario)
    assert by_id.queue_id == by_name.queue_id == created.queue_id
    assert by_id.name == "Billing" and by_id.users == ["ana", "bo"]
    assert str(by_id.queue_type).lower() == "custom"


async def test_a_second_queue_of_the_same_name_is_resource_already_exists():
    def scenario():
        experiment = mlflow.create_experiment("queues-dup")
        review_queues.create_review_queue("triage", queue_type="custom", experiment_id=experiment)
        with pytest.raises(MlflowException) as raised:
            review_queues.create_review_queue(
                "TRIAGE", queue_type="custom", experiment_id=experiment
            )
        return raised

    raised = await in_thread(scenario)
    assert raised.value.error_code == "RESOURCE_ALREADY_EXISTS"


async def test_a_users_own_queue_is_made_once_and_found_again():
    def scenario():
        experiment = mlflow.create_experiment("queues-user")
        first = review_queues.get_or_create_user_queue("ana", experiment_id=experiment)
        second = review_queues.get_or_create_user_queue("ana", experiment_id=experiment)
        return first, second

    first, second = await in_thread(scenario)
    assert first.queue_id == second.queue_id and first.users == ["ana"]
    assert str(first.queue_type).lower() == "user"


async def test_queues_list_by_assigned_user_and_by_the_trace_they_hold(
    synchronous_tracing,  # noqa: F811
):
    def scenario():
        experiment = mlflow.create_experiment("queues-list")
        trace_id = _traced("queues-list")
        ana = review_queues.create_review_queue(
            "ana-work", queue_type="custom", users=["ana"], experiment_id=experiment
        )
        other = review_queues.create_review_queue(
            "others", queue_type="custom", users=["bo"], experiment_id=experiment
        )
        review_queues.add_items_to_review_queue(other.queue_id, item_ids=[trace_id])
        for_ana = review_queues.list_review_queues(experiment_id=experiment, user="ana")
        # The fluent call has no item filter; the client's store sends one.
        holding = _get_store().list_review_queues(experiment, item_id=trace_id)
        return ana, other, for_ana, holding

    ana, other, for_ana, holding = await in_thread(scenario)
    assert [queue.queue_id for queue in for_ana] == [ana.queue_id]
    assert [queue.queue_id for queue in holding] == [other.queue_id]


async def test_traces_added_wait_pending_and_are_marked_complete(
    synchronous_tracing,  # noqa: F811
):
    def scenario():
        experiment = mlflow.create_experiment("queues-items")
        first, second = _traced("queues-items", "a"), _traced("queues-items", "b")
        queue = review_queues.create_review_queue(
            "review", queue_type="custom", experiment_id=experiment
        )
        added = review_queues.add_items_to_review_queue(queue.queue_id, item_ids=[first, second])
        again = review_queues.add_items_to_review_queue(queue.queue_id, item_ids=[first])
        marked = review_queues.set_review_queue_item_status(
            queue.queue_id, item_id=first, status="complete", completed_by="ana"
        )
        pending = review_queues.list_review_queue_items(queue.queue_id, status="pending")
        return first, second, added, again, marked, pending

    first, second, added, again, marked, pending = await in_thread(scenario)
    assert [item.item_id for item in added] == [first, second]
    assert {str(item.status).lower() for item in added} == {"pending"}
    assert again[0].creation_time_ms == added[0].creation_time_ms
    assert str(marked.status).lower() == "complete" and marked.completed_by == "ana"
    assert marked.completed_time_ms is not None
    assert [item.item_id for item in pending] == [second]


async def test_removed_items_and_deleted_queues_are_gone(synchronous_tracing):  # noqa: F811
    def scenario():
        experiment = mlflow.create_experiment("queues-delete")
        trace_id = _traced("queues-delete")
        queue = review_queues.create_review_queue(
            "temp", queue_type="custom", experiment_id=experiment
        )
        review_queues.add_items_to_review_queue(queue.queue_id, item_ids=[trace_id])
        review_queues.remove_items_from_review_queue(queue.queue_id, item_ids=[trace_id])
        left = list(review_queues.list_review_queue_items(queue.queue_id))
        review_queues.delete_review_queue(queue.queue_id)
        with pytest.raises(MlflowException) as raised:
            review_queues.get_review_queue(queue_id=queue.queue_id)
        return left, raised

    left, raised = await in_thread(scenario)
    assert left == []
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


async def test_a_custom_queue_is_renamed_and_reassigned_but_a_user_queue_is_fixed():
    def scenario():
        experiment = mlflow.create_experiment("queues-update")
        custom = review_queues.create_review_queue(
            "draft", queue_type="custom", experiment_id=experiment
        )
        changed = review_queues.update_review_queue(custom.queue_id, name="final", users=["cy"])
        mine = review_queues.get_or_create_user_queue("cy", experiment_id=experiment)
        with pytest.raises(MlflowException) as raised:
            review_queues.update_review_queue(mine.queue_id, users=["dee"])
        return changed, raised

    changed, raised = await in_thread(scenario)
    assert changed.name == "final" and changed.users == ["cy"]
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


async def test_a_trace_of_another_experiment_cannot_join_a_queue(jp_fetch, synchronous_tracing):  # noqa: F811
    def scenario():
        experiment = mlflow.create_experiment("queues-foreign")
        foreign = _traced("queues-elsewhere")
        queue = review_queues.create_review_queue(
            "local", queue_type="custom", experiment_id=experiment
        )
        return queue, foreign

    queue, foreign = await in_thread(scenario)
    response = await _raw(
        jp_fetch,
        "api/3.0/mlflow/review-queues/items/add",
        method="POST",
        body=json.dumps({"queue_id": queue.queue_id, "item_type": "TRACE", "item_ids": [foreign]}),
    )
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"
