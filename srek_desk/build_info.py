"""Version and build information for `srek-desk --version` and the About dialog.

A frozen build ships `build-info.json` among its resources (written by packaging/build_info.py:
commit, build date, platform, Python and Qt versions). A source run has no such file and says
"Quellcode". Reading it never imports Qt, so `--version` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from platform import python_version
from typing import Any

from srek_desk import __version__, paths

BUILD_INFO_FILE = "build-info.json"
FROM_SOURCE = "Quellcode"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    version: str
    commit: str | None = None
    built_at: str | None = None  # ISO 8601, UTC
    platform: str | None = None
    python: str = python_version()
    qt: str | None = None
    frozen: bool = False

    @property
    def from_source(self) -> bool:
        return self.commit is None and self.built_at is None

    @property
    def short_commit(self) -> str | None:
        return self.commit[:12] if self.commit else None

    @property
    def built_date(self) -> str | None:
        """The build day, YYYY-MM-DD."""
        return self.built_at[:10] if self.built_at else None

    def summary(self) -> str:
        """One German line: "Quellcode" or "1a2b3c4d5e6f vom 2026-10-20 (linux-x86_64)"."""
        if self.from_source:
            return FROM_SOURCE
        text = self.short_commit or "ohne Commit"
        if self.built_date:
            text += f" vom {self.built_date}"
        if self.platform:
            text += f" ({self.platform})"
        return text

    def version_lines(self) -> list[str]:
        """`srek-desk --version`: the first line is exactly `srek-desk <version>` (scripts parse it)."""
        runtime = f"Python {self.python}" + (f", Qt {self.qt}" if self.qt else "")
        return [f"srek-desk {self.version}", f"Build: {self.summary()}", runtime]


def _qt_version_installed() -> str | None:
    """PySide6's version from package metadata (no Qt import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("PySide6-Essentials")
    except PackageNotFoundError:
        return None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value).strip() else None


def load_build_info(path: Path | None = None) -> BuildInfo:
    """Build information from `build-info.json` (default: among the resources), else "Quellcode".

    The version always comes from the running package, never from the file.
    """
    data = _read(path if path is not None else paths.resource(BUILD_INFO_FILE))
    frozen = paths.is_frozen()
    qt = _text(data.get("qt")) or (None if frozen else _qt_version_installed())
    return BuildInfo(
        version=__version__,
        commit=_text(data.get("commit")),
        built_at=_text(data.get("built_at")),
        platform=_text(data.get("platform")),
        qt=qt,
        frozen=frozen,
    )


@cache
def current_build_info() -> BuildInfo:
    return load_build_info()


def version_text() -> str:
    return "\n".join(current_build_info().version_lines())
