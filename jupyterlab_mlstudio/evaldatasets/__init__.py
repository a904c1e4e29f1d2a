"""Evaluation datasets: named sets of test records (inputs, expectations) shared by experiments."""
