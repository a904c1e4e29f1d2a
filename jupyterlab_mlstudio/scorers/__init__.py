"""Scorers: judges and checks registered to an experiment, versioned by name."""
