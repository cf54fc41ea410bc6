"""Where things live: resources, user data, logs and machine configuration, per platform.

Handles three run modes: an installed package (resources inside `srek_desk/resources`), a source
checkout (resources in the top-level `resources/` folder) and a PyInstaller build (`sys._MEIPASS`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "srek-desk"
APP_AUTHOR = "SREK"


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    """The folder holding shipped assets and reference data."""
    override = os.environ.get("SREK_RESOURCES")
    if override:
        return Path(override)
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one shipped resource file, e.g. resource("gazetteer", "de_postcodes.tsv.gz")."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic script folder (srek_desk/db/migrations)."""
    return Path(__file__).resolve().parent / "db" / "migrations"


def user_data_dir() -> Path:
    """Per-user data folder: the default SQLite database and its backups live here."""
    override = os.environ.get("SREK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_config_dir() -> Path:
    override = os.environ.get("SREK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    override = os.environ.get("SREK_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def machine_config_dir() -> Path:
    """Machine-wide configuration written by IT staff.

    Linux: /etc/srek-desk; Windows: %ProgramData%\\SREK\\srek-desk; macOS: /Library/Application Support.
    """
    override = os.environ.get("SREK_MACHINE_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        return Path("/etc") / APP_NAME
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return user_data_dir() / "srek-desk.sqlite3"


def backups_dir() -> Path:
    return user_data_dir() / "backups"
