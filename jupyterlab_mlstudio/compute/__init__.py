"""Compute profiles: the host's resources and the instance-type catalogue."""
