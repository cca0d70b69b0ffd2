"""What WeasyPrint's PDF/X needs before it goes to press: boxes, black overprint, the
output condition, PDF/X-1a's older objects, and identifiers made from the content."""
