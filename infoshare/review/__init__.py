"""What a reviewer of the rule files runs: the cases, their coverage, lint, the semantic diff, the rulebook and
the legal review."""
