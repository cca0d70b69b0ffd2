"""Colour management for typeset: the CMYK output profile shipped with each paper's layout."""
