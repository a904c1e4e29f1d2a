"""SageMaker's serving contract: the unit that answers ``GET /ping`` and ``POST /invocations``.

Two halves live here, and they never import each other's side:

- **Server side** (imports the rest of the package): ``units.py`` turns a model into the
  ``ContainerSpec`` of one serving unit for a runtime backend, ``staging.py`` unpacks the model
  artifact and the inference code into the folder a unit sees as ``/opt/ml``, ``health.py``
  waits until a unit answers ``/ping``. Endpoints and batch transform both start their units
  through these three.
- **Unit side** (standard library, numpy, Starlette and uvicorn only; runs inside the unit,
  in whichever Python environment or container image serves the model): ``server.py`` (the
  web server and its workers, ``python -m jupyterlab_mlstudio.serving``), ``handlers.py`` (the
  inference toolkit's ``model_fn``/``input_fn``/``predict_fn``/``output_fn``/``transform_fn``
  convention), ``codecs.py`` (content types) and ``builtin.py`` (scikit-learn, XGBoost and
  PyTorch models without inference code).
"""
