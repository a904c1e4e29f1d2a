"""What the server is and what it can run on: version, store, backends, host."""
