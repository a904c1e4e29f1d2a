"""The AWS face: SageMaker's (and CloudWatch Logs') JSON 1.1 wire protocol under /mlstudio/aws."""
