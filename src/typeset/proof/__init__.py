"""Proofs for proofreaders (校样): numbered rounds of pages, previews, text and changes."""
