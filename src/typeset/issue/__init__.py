"""Loading and validating an issue: YAML with positions, typed models, cross-checks."""
