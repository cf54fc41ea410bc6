"""The `srek-desk` command line: one module per command group, `main` is the entry point.

main.py builds the parser and dispatches; common.py holds what the groups share (opening the
database, JSON output, exit codes); every other module adds its subcommands with `register`.
"""

from srek_desk.cli.main import main

__all__ = ["main"]
