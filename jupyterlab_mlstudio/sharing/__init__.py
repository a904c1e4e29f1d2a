"""Notebook sharing: read-only snapshots of a notebook (with its outputs, image and instance type)
sent to a member of the domain or to the whole domain, opened read-only and copied into the
recipient's own space."""
