"""Training jobs: the SageMaker training contract on every runtime backend."""
