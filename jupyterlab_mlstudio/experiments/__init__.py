"""Experiment tracking: experiments, runs, parameters, metric series, tags."""
