"""Processing jobs: any image runs a script over inputs staged from S3, and what it leaves in
its output folders goes back to S3.

``models.py`` holds SageMaker's shapes, ``states.py`` the machine, ``orm.py`` the table,
``contract.py`` the container contract (``/opt/ml/processing/...`` and ``/opt/ml/config``),
``staging.py`` inputs in and outputs out, ``runner.py`` drives one job, ``service.py`` creates,
lists, describes and stops them; ``aws.py`` and ``handlers.py`` are its two faces.
"""
