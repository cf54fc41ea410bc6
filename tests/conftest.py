"""Shared fixtures: isolated user/machine folders, a migrated database, reference data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run a fixed set of examples (a landing must not depend on luck);
# locally they explore new ones on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user or machine configuration, data or logs."""
    root = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("SREK_DATA_DIR", "data"),
        ("SREK_CONFIG_DIR", "config"),
        ("SREK_LOG_DIR", "log"),
        ("SREK_MACHINE_CONFIG_DIR", "machine"),
    ):
        monkeypatch.setenv(name, str(root / sub))
    for name in ("SREK_DB", "SREK_OFFICE_NAME", "SREK_UI_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    return root


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (tests only); skips where a fresh clone lacks it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def reference():  # type: ignore[no-untyped-def]
    from srek_desk.reference.catalog import ReferenceData

    return ReferenceData()


@pytest.fixture
def database(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    from srek_desk.services.database import open_database

    db = open_database(tmp_path / "test.sqlite3")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, reference) -> Path:  # type: ignore[no-untyped-def]
    """A database with a small demo set, built once per session; tests copy it."""
    from srek_desk.services.database import open_database
    from srek_desk.services.demo import DemoGenerator

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    DemoGenerator(db, reference).generate(offers=600, clients=120, seed=3)
    db.dispose()
    return path


@pytest.fixture
def demo_database(tmp_path: Path, demo_template: Path) -> Iterator:  # type: ignore[type-arg]
    """A fresh copy of the demo database for one test."""
    import sqlite3

    from srek_desk.services.database import open_database

    target = tmp_path / "demo.sqlite3"
    with sqlite3.connect(demo_template) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    db = open_database(target)
    yield db
    db.dispose()
