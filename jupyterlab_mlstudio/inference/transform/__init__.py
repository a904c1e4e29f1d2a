"""Batch transform: a job kind that runs a model's serving units over a data set.

``records.py`` splits input objects into requests and assembles outputs, ``jsonpath.py`` is
DataProcessing's JSONPath subset, ``runner.py`` drives one job, ``service.py`` creates, lists,
describes and stops them, ``aws.py`` and ``handlers.py`` are its two faces.
"""
