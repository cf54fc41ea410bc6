"""`python -m srek_desk`: the same as the `srek-desk` command."""

import sys

from srek_desk.cli import main

sys.exit(main())
