"""S3's REST API over the object store (``/mlstudio/s3``), so boto3, the SageMaker SDK and the
AWS CLI work against the server with no S3 of their own."""
