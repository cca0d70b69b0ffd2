"""typeset: a Chinese newspaper issue described in YAML becomes print-ready PDF pages."""
