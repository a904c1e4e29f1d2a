"""Models and batch transform: SageMaker's ``CreateModel`` family and ``CreateTransformJob``.

- ``models.py``/``orm.py``/``service.py``/``aws.py``/``handlers.py``: models (a container image,
  a ``ModelDataUrl`` and an ``Environment``), on the AWS face and the REST face.
  ``ModelService.serving_model(context, name)`` gives the ``serving.units.ModelSpec`` that
  endpoints and transform jobs start serving units from.
- ``transform/``: batch transform jobs, a job kind on the shared job piece (``jobs/``) that runs
  the same serving units over a data set in the object store.

Endpoints, endpoint configurations and the router live in ``endpoints/``.
"""
