"""The sample notebooks the package ships, after SageMaker's classic ones, and the service that
lists them and hands their content to the front end (which copies one into the workspace)."""
