"""The operations the AWS face speaks, gathered from each concept's AWS dialect module.

The face owns this table; the services and their composition root know nothing of AWS's
operation names. It is built once, when the face's handlers are, and every action is checked
against botocore's models then.
"""

from __future__ import annotations

import functools

from ..domains import aws as domains_aws
from ..endpoints import aws as endpoints_aws
from ..endpoints import scaling_aws
from ..images import aws as images_aws
from ..inference import aws as models_aws
from ..inference.transform import aws as transform_aws
from ..logs import aws as logs_aws
from ..processing import aws as processing_aws
from ..tags import aws as tags_aws
from ..training import aws as training_aws
from ..training import cloudwatch as training_cloudwatch
from ..tuning import aws as tuning_aws
from .registry import ActionRegistry


@functools.cache
def face_actions() -> ActionRegistry:
    """SageMaker's (with its runtime's control side), application-autoscaling's, CloudWatch
    Logs' and CloudWatch metrics' operations of this face."""
    return ActionRegistry(
        [
            *training_aws.ACTIONS,
            *logs_aws.ACTIONS,
            *images_aws.ACTIONS,
            *tags_aws.ACTIONS,
            *training_cloudwatch.ACTIONS,
            *tuning_aws.ACTIONS,
            *endpoints_aws.ACTIONS,
            *scaling_aws.ACTIONS,
            *models_aws.ACTIONS,
            *transform_aws.ACTIONS,
            *processing_aws.ACTIONS,
            *domains_aws.ACTIONS,
        ]
    )
