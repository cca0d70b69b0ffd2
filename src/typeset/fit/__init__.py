"""Fitting: how the laid-out text sits in its frames."""
