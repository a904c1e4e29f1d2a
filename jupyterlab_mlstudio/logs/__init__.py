"""Durable log streams (CloudWatch Logs' model): groups, streams, ordered events."""
