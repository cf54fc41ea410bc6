"""Command line: `srek-desk handover` (see register)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the subcommand to the `srek-desk` parser."""
    del sub  # filled in with the feature


_ = argparse
