"""Label schemas: what reviewers are asked about a trace (a feedback or an expectation, and the
form of the answer), per experiment."""
