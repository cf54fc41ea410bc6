"""`python -m srek_desk.cli`: the same as the `srek-desk` command."""

import sys

from srek_desk.cli.main import main

sys.exit(main())
