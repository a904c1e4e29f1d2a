"""Tags of every resource kind, by ARN: ``Tags`` at creation, AddTags, ListTags, DeleteTags,
gone with their resource, refused for ARNs that name nothing."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    def make(service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=aws_url(jp_http_port, jp_base_url),
            region_name="us-east-1",
            aws_access_key_id="tester",
            aws_secret_access_key=jp_serverapp.identity_provider.token,
            config=Config(retries={"max_attempts": 1}),
        )

    return make


async def test_tags_follow_their_resource_and_refuse_what_names_nothing(client):
    sagemaker = client("sagemaker")
    # Given an image and an app image config created with tags
    image = await in_thread(
        sagemaker.create_image,
        ImageName="tagged",
        RoleArn="arn:aws:iam::000000000000:role/MLStudioExecutionRole",
        Tags=[{"Key": "owner", "Value": "me"}],
    )
    config = await in_thread(
        sagemaker.create_app_image_config,
        AppImageConfigName="tagged",
        Tags=[{"Key": "k", "Value": "v"}],
    )
    assert (await in_thread(sagemaker.list_tags, ResourceArn=image["ImageArn"]))["Tags"] == [
        {"Key": "owner", "Value": "me"}
    ]
    listed = await in_thread(sagemaker.list_tags, ResourceArn=config["AppImageConfigArn"])
    assert listed["Tags"] == [{"Key": "k", "Value": "v"}]

    # When the image is deleted and made again, it starts without the old tags
    await in_thread(sagemaker.delete_image, ImageName="tagged")
    with pytest.raises(ClientError) as gone:
        await in_thread(sagemaker.list_tags, ResourceArn=image["ImageArn"])
    assert gone.value.response["Error"]["Code"] == "ValidationException"
    await in_thread(
        sagemaker.create_image,
        ImageName="tagged",
        RoleArn="arn:aws:iam::000000000000:role/MLStudioExecutionRole",
    )
    assert (await in_thread(sagemaker.list_tags, ResourceArn=image["ImageArn"]))["Tags"] == []

    # And ARNs of nothing, of other accounts and reserved keys are refused
    for arn in (
        "arn:aws:sagemaker:us-east-1:000000000000:training-job/none",
        "arn:aws:sagemaker:us-east-1:111111111111:image/tagged",
        "arn:aws:sagemaker:us-east-1:000000000000:endpoint-config/none",
    ):
        with pytest.raises(ClientError) as refused:
            await in_thread(sagemaker.add_tags, ResourceArn=arn, Tags=[{"Key": "a", "Value": ""}])
        assert refused.value.response["Error"]["Code"] == "ValidationException", arn
    with pytest.raises(ClientError) as reserved:
        await in_thread(
            sagemaker.add_tags, ResourceArn=image["ImageArn"], Tags=[{"Key": "aws:x", "Value": ""}]
        )
    assert "reserved" in reserved.value.response["Error"]["Message"]
    too_many = [{"Key": f"k{index}", "Value": ""} for index in range(51)]
    with pytest.raises(ClientError):
        await in_thread(sagemaker.add_tags, ResourceArn=image["ImageArn"], Tags=too_many)
