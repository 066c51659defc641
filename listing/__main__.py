"""`python -m listing`: the same as the `stem-listing` command.

Handy where the entry point is not on PATH (a venv not activated).
"""

import sys

from listing.cli import main

sys.exit(main())
