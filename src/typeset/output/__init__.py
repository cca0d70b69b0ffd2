"""Outputs: the files a build leaves in build/<issue-id>/, written all or nothing."""
