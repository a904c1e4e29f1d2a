"""Issues: quality or operational problems found in an experiment's traces."""
