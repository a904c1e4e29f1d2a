"""Kernel images: container images or local Python environments, with immutable versions,
validated on registration, whose kernel specs notebooks run in."""
