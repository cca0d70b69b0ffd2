"""Font handling for typeset: the subsetted CJK faces shipped in the repository's fonts/."""
