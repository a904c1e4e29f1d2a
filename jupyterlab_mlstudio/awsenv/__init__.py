"""What code the server starts (kernels, jobs of every kind) needs to use boto3 and the
SageMaker SDK against this server with no configuration of its own (see ``environment.py``)."""
