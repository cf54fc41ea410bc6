"""Entry point for source runs and the frozen build (PyInstaller)."""

import sys

from srek_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
