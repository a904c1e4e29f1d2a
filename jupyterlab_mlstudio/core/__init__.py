"""Shared plumbing: errors, handler base, request context, events, paging."""
