"""The `srek-desk` parser and dispatch: global options, then one subcommand (default: gui).

Each command group module adds its subcommands with `register(subparsers)`; `main` runs the
chosen handler and turns a UserError into a German message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from srek_desk.cli import (
    admin,
    applications,
    backup,
    commute,
    desk,
    duplicates,
    fetch,
    handover,
    imports,
    matching,
    offline,
    reference,
    server,
    sheets,
    timetable,
)
from srek_desk.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Handler, load_config
from srek_desk.errors import UserError

# In the order `srek-desk --help` lists their subcommands.
COMMAND_GROUPS = (
    desk,
    reference,
    sheets,
    matching,
    commute,
    imports,
    fetch,
    backup,
    admin,
    server,
    offline,
    applications,
    handover,
    duplicates,
    timetable,
)


class _Parser(argparse.ArgumentParser):
    """argparse with German framing for usage errors (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Aufruf fehlerhaft: {message}\n")


class _VersionAction(argparse.Action):
    """`--version`: first line exactly `srek-desk <version>` (scripts parse it), then the build."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="Version und Build zeigen",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> NoReturn:
        from srek_desk.build_info import version_text

        if sys.stdout is not None:  # a windowed Windows build has no stdout
            sys.stdout.write(version_text() + "\n")
            sys.stdout.flush()
        parser.exit(EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="srek-desk",
        description="SREK Desk – Ausbildungs- und Stellenvermittlung über Ländergrenzen hinweg.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="Datenbank: Pfad einer SQLite-Datei oder SQLAlchemy-URL (auch: Umgebung SREK_DB)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_Parser)
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", None) or desk.cmd_gui
    if handler is desk.cmd_gui and not hasattr(args, "no_demo_prompt"):
        args.no_demo_prompt = False
    try:
        from srek_desk.logging_setup import setup_logging

        setup_logging(load_config(args)["logging.level"])
        return handler(args)
    except UserError as error:
        print(f"Fehler: {error.message}", file=sys.stderr)
        if error.details:
            print(error.details, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_INTERRUPTED
