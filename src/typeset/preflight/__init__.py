"""`typeset preflight`: checks print PDFs the way a printer's preflight would, before they
leave the house (see docs/preflight.md)."""
