"""The frozen build: packaging/smoke_test.py against a built bundle, skipped when there is none.

The bundle is $SREK_FROZEN_DIR or packaging/dist/srek-desk (build it with
packaging/build_linux.sh). The normal suite stays fast: without a bundle this skips.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("SREK_FROZEN_DIR") or REPO / "packaging" / "dist" / "srek-desk")

pytestmark = pytest.mark.slow


def smoke_test_module() -> ModuleType:
    path = REPO / "packaging" / "smoke_test.py"
    spec = importlib.util.spec_from_file_location("srek_packaging_smoke_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summary() -> dict[str, object]:
    smoke = smoke_test_module()
    if smoke.find_executable(BUNDLE) is None:
        pytest.skip(f"no frozen build in {BUNDLE} (packaging/build_linux.sh builds one)")
    return smoke.run_smoke_test(BUNDLE, runs=1)


def test_frozen_build_passes_the_smoke_test(summary: dict[str, object]) -> None:
    failures = summary["failures"]
    assert summary["ok"], json.dumps(failures, ensure_ascii=False, indent=2)


def test_frozen_version_names_the_build(summary: dict[str, object]) -> None:
    lines = summary["version"]
    assert isinstance(lines, list) and lines[0].startswith("srek-desk ")
    assert any(line.startswith("Build: ") and "Quellcode" not in line for line in lines)
