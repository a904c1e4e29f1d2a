"""The SageMaker Python SDK's v3 ModelTrainer on SageMaker's scikit-learn image, run as it is
by the SDK's own venv against the server.

    python frameworks_v3.py TRAIN_S3_URI FIXTURES_DIR ROLE_ARN

Prints one JSON object: the image, the job's status and its model artifact.
"""

import json
import sys

from sagemaker.core import image_uris
from sagemaker.core.training.configs import Compute, InputData, SourceCode
from sagemaker.train import ModelTrainer

train_uri, fixtures, role = sys.argv[1:4]
image = image_uris.retrieve("sklearn", "us-east-1", "1.2-1")
trainer = ModelTrainer(
    training_image=image,
    source_code=SourceCode(source_dir=fixtures, entry_script="sklearn_train.py"),
    compute=Compute(instance_type="ml.m5.large", instance_count=1),
    hyperparameters={"C": 2.0},
    role=role,
    base_job_name="v3-sklearn",
)
trainer.train(
    input_data_config=[InputData(channel_name="train", data_source=train_uri)], logs=False
)
job = trainer._latest_training_job
job.refresh()
print(
    "RESULT "
    + json.dumps(
        {
            "image": job.algorithm_specification.training_image,
            "status": job.training_job_status,
            "model": job.model_artifacts.s3_model_artifacts,
        }
    )
)
