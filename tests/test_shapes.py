"""Request validation and response shaping from botocore's SageMaker model."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from jupyterlab_mlstudio.aws.shapes import ShapeError, parse_input, service_model, shape_output


def _op(name: str):
    return service_model("sagemaker").operation_model(name)


def test_valid_input_is_converted_timestamps_become_datetimes():
    params = parse_input(
        _op("ListTrainingJobs").input_shape, {"MaxResults": 5, "CreationTimeAfter": 1767225600}
    )
    assert params == {
        "MaxResults": 5,
        "CreationTimeAfter": datetime(2026, 1, 1, tzinfo=timezone.utc),
    }


def test_nested_required_members_patterns_and_ranges_are_checked():
    shape = _op("CreateTrainingJob").input_shape
    with pytest.raises(ShapeError) as raised:
        parse_input(
            shape,
            {
                "TrainingJobName": "bad_name",
                "AlgorithmSpecification": {"TrainingInputMode": "Sideways"},
                "RoleArn": "arn:aws:iam::000000000000:role/x",
                "OutputDataConfig": {"S3OutputPath": "s3://b/p"},
                "ResourceConfig": {"InstanceCount": 0, "VolumeSizeInGB": 1},
                "StoppingCondition": {"MaxRuntimeInSeconds": 0},
            },
        )
    message = raised.value.message
    assert raised.value.code == "ValidationException"
    assert (
        "at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression"
        in message
    )
    assert "at 'algorithmSpecification.trainingInputMode'" in message
    expected = (
        "at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )
    assert expected in message


def test_lists_and_maps_are_walked():
    shape = _op("CreateTrainingJob").input_shape
    with pytest.raises(ShapeError, match=r"hyperParameters\.lr") as raised:
        parse_input(
            shape,
            {
                "TrainingJobName": "ok",
                "AlgorithmSpecification": {"TrainingInputMode": "File", "TrainingImage": "x"},
                "RoleArn": "arn:aws:iam::000000000000:role/x",
                "OutputDataConfig": {"S3OutputPath": "s3://b/p"},
                "ResourceConfig": {
                    "InstanceCount": 1,
                    "VolumeSizeInGB": 1,
                    "InstanceType": "ml.m5.large",
                },
                "StoppingCondition": {},
                "HyperParameters": {"lr": 0.1},
                "InputDataConfig": [{"ChannelName": "train"}],
            },
        )
    assert "inputDataConfig.1.member.dataSource" in raised.value.message


def test_output_is_reduced_to_its_shape_and_serialized():
    shape = _op("ListTrainingJobs").output_shape
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    body = shape_output(
        shape,
        {
            "TrainingJobSummaries": [
                {
                    "TrainingJobName": "a",
                    "TrainingJobArn": "arn",
                    "CreationTime": when,
                    "TrainingJobStatus": "Completed",
                    "TrainingEndTime": None,
                }
            ]
        },
    )
    assert body == {
        "TrainingJobSummaries": [
            {
                "TrainingJobName": "a",
                "TrainingJobArn": "arn",
                "CreationTime": 1767225600.0,
                "TrainingJobStatus": "Completed",
            }
        ]
    }
    with pytest.raises(ValueError, match="no members"):
        shape_output(shape, {"Surprise": 1})
