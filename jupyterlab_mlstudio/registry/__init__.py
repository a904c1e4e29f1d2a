"""The model registry: registered models, their versions (from runs), aliases and tags."""
