"""The SageMaker Python SDK's v2 deploy, predict, delete and transform flow, run as it is by the
SDK's own venv against the server (the test sets the AWS variables and the defaults file).

    python deploy_v2.py MODEL_S3_URI SOURCE_DIR INPUT_S3_URI OUTPUT_S3_URI

Prints one JSON object: what predict answered and what the transform wrote.
"""

import json
import sys

import numpy as np
import sagemaker
from sagemaker.deserializers import JSONDeserializer
from sagemaker.model import Model
from sagemaker.predictor import Predictor
from sagemaker.serializers import CSVSerializer, JSONSerializer

model_uri, source_dir, input_uri, output_uri = sys.argv[1:5]
session = sagemaker.Session()
rows = np.loadtxt(sys.stdin.read().splitlines(), delimiter=",", ndmin=2)

# Model(entry_point, source_dir).deploy(): the SDK repacks the artifact with code/ and deploys
model = Model(
    image_uri="default",
    model_data=model_uri,
    entry_point="inference.py",
    source_dir=source_dir,
    sagemaker_session=session,
    predictor_cls=Predictor,
    env={"MODEL_TAG": "sdk2"},
)
try:
    predictor = model.deploy(
        initial_instance_count=1,
        instance_type="ml.t3.medium",
        endpoint_name="sdk2-endpoint",
        serializer=CSVSerializer(),
        deserializer=JSONDeserializer(),
    )
except Exception:
    described = session.sagemaker_client.describe_endpoint(EndpointName="sdk2-endpoint")
    sys.exit(f"deploy failed: {described.get('FailureReason')}")
by_csv = predictor.predict(rows)
predictor.serializer = JSONSerializer()
by_json = predictor.predict(rows.tolist())
predictor.delete_endpoint()

# Model.transformer().transform(): one JSON answer per CSV line
transformer = model.transformer(
    instance_count=1,
    instance_type="ml.t3.medium",
    strategy="SingleRecord",
    assemble_with="Line",
    accept="application/json",
    output_path=output_uri,
)
transformer.transform(input_uri, content_type="text/csv", split_type="Line", wait=True, logs=False)
bucket, _, prefix = output_uri[len("s3://") :].partition("/")
written = session.read_s3_file(bucket, f"{prefix}/rows.csv.out")
print("RESULT " + json.dumps({"csv": by_csv, "json": by_json, "transform": written.splitlines()}))
