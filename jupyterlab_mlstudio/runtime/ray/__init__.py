"""The ``ray`` runtime backend: units run as Ray jobs on a cluster, driven over its job REST API."""
