"""Uploads: a client sends a file (a job's code, a dataset) and gets back its object URI."""
