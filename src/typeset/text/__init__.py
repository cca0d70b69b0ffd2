"""Text preparation: article Markdown becomes typed paragraphs and subheads."""
