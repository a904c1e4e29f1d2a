"""Review queues: traces an experiment's reviewers are asked to label."""
