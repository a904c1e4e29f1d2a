"""The SageMaker Python SDK's v2 Estimator.fit() then Estimator.deploy(), run as it is by the
SDK's own venv against the server (the test sets the AWS variables and the defaults file).

    python estimator_deploy_v2.py SOURCE_DIR < rows.csv

Prints one JSON object: the training job's model artifact and what predict answered.
"""

import json
import sys
import time

import numpy as np
import sagemaker
from sagemaker.deserializers import JSONDeserializer
from sagemaker.estimator import Estimator
from sagemaker.serializers import CSVSerializer

# The SDK sleeps 30 s before its first DescribeEndpoint; the server is local: poll faster.
_real_sleep = time.sleep
time.sleep = lambda seconds: _real_sleep(min(seconds, 0.5))

source_dir = sys.argv[1]
session = sagemaker.Session()
rows = np.loadtxt(sys.stdin.read().splitlines(), delimiter=",", ndmin=2)
estimator = Estimator(
    image_uri="default",
    entry_point="train.py",
    source_dir=source_dir,
    role="arn:aws:iam::000000000000:role/mlstudio",
    instance_count=1,
    instance_type="ml.m5.large",
    sagemaker_session=session,
)
estimator.fit(job_name="sdk2-fit", wait=True, logs=False)
try:
    predictor = estimator.deploy(
        initial_instance_count=1,
        instance_type="ml.t3.medium",
        endpoint_name="sdk2-fit-endpoint",
        serializer=CSVSerializer(),
        deserializer=JSONDeserializer(),
    )
except Exception:
    described = session.sagemaker_client.describe_endpoint(EndpointName="sdk2-fit-endpoint")
    sys.exit(f"deploy failed: {described.get('FailureReason')}")
answer = predictor.predict(rows)
predictor.delete_endpoint()
print("RESULT " + json.dumps({"model_data": estimator.model_data, "predictions": answer}))
