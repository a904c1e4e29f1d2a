"""Runtime backends: turn a container spec into a running unit (process, docker, ...)."""
