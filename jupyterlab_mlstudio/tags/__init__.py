"""Tags of every SageMaker resource, kept by ARN in one table (see ``service.py``)."""
