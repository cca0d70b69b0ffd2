"""Allow `python -m typeset`."""

from typeset.cli import main

raise SystemExit(main())
