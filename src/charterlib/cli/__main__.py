"""`python -m charterlib.cli`: the `charter` command."""

import sys

from .parser import main

sys.exit(main())
