"""Page jobs: once copyfit has decided each frame's text, every page is laid out and
written on its own, in a pool of processes, and skipped when its inputs did not change."""
