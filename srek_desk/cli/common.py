"""What every command group shares: exit codes, opening the database, JSON output, argument types.

Exit codes: 0 success, 1 user error (German message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from srek_desk.config import Config
from srek_desk.errors import UserError

EXIT_OK = 0
EXIT_USER_ERROR = 1  # refused, with a German message on stderr (UserError.exit_code)
EXIT_USAGE = 2  # wrong call: argparse prints the usage
EXIT_INTERRUPTED = 130  # Ctrl+C

Handler = Callable[[argparse.Namespace], int]


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def load_config(args: argparse.Namespace) -> Config:
    overrides: dict[str, Any] = {}
    if getattr(args, "db", None):
        overrides["database.url"] = args.db
    return Config.load(overrides=overrides)


@contextmanager
def open_context(args: argparse.Namespace) -> Iterator[Any]:
    """The app's objects for one command; the database is closed afterwards."""
    from srek_desk.context import AppContext

    context = AppContext.open(load_config(args))
    try:
        yield context
    finally:
        context.close()


def pdf_target(output: str) -> Path:
    """The -o file of a PDF command, refused with a German message before any work is done."""
    target = Path(output)
    if target.suffix.lower() != ".pdf":
        raise UserError(f"Die Ausgabedatei muss auf .pdf enden: {target.name}")
    if target.is_dir():
        raise UserError(f"{target} ist ein Ordner; bitte einen Dateinamen angeben.")
    if not target.parent.is_dir():
        raise UserError(f"Den Ordner {target.parent} gibt es nicht.")
    return target


def positive(text: str) -> int:
    """argparse type: a whole number above 0."""
    value = non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("muss größer als 0 sein")
    return value


def non_negative(text: str) -> int:
    """argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine ganze Zahl") from None
    if value < 0:
        raise argparse.ArgumentTypeError("darf nicht negativ sein")
    return value
