"""The SageMaker Python SDK's v3 ModelBuilder flow (build, deploy, invoke, delete), run as it is
by the SDK's own venv against the server.

    python deploy_v3.py MODEL_S3_URI ROLE_ARN < rows.csv

Prints one JSON object: what the endpoint answered.
"""

import json
import sys

from sagemaker.serve import ModelBuilder

model_uri, role = sys.argv[1:3]
body = sys.stdin.read()

# An image that is not SageMaker's own, with no Python model object: the pass-through build
builder = ModelBuilder(
    image_uri="default",
    s3_model_data_url=model_uri,
    role_arn=role,
    env_vars={"MODEL_TAG": "sdk3", "SAGEMAKER_PROGRAM": "inference.py"},
    instance_type="ml.t3.medium",
)
builder.build(model_name="sdk3-model")
endpoint = builder.deploy(endpoint_name="sdk3-endpoint", initial_instance_count=1, wait=True)
answer = endpoint.invoke(body=body, content_type="text/csv", accept="application/json")
result = json.loads(answer.body.read())
endpoint.delete()
print("RESULT " + json.dumps(result))
