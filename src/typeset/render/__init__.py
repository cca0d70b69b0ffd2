"""Rendering: the checked issue becomes HTML through the paper's templates, then PDF."""
