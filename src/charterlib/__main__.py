"""`python -m charterlib`: the `charter` command."""

import sys

from .cli import main

sys.exit(main())
