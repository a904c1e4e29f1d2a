"""The operations the AWS face speaks, gathered from each concept's AWS dialect module.

The face owns this table; the services and their composition root know nothing of AWS's
operation names. It is built once, when the face's handlers are, and every action is checked
against botocore's models then.
"""

from __future__ import annotations

import functools

from ..images import aws as images_aws
from ..logs import aws as logs_aws
from ..training import aws as training_aws
from .registry import ActionRegistry


@functools.cache
def face_actions() -> ActionRegistry:
    """SageMaker's and CloudWatch Logs' operations of this face."""
    return ActionRegistry([*training_aws.ACTIONS, *logs_aws.ACTIONS, *images_aws.ACTIONS])
