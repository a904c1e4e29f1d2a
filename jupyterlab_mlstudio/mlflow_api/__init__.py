"""The MLflow face: MLflow's tracking, model-registry and artifact REST API under
``/mlstudio/mlflow``, so ``mlflow.set_tracking_uri("<server>/mlstudio/mlflow")`` just works."""
