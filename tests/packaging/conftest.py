"""Fake PyInstaller onedir folders, so the .deb and the MSI can be built without a frozen build.

`SREK_PACKAGING_ONEDIR=packaging/dist/srek-desk` makes the Linux tests use the real bundle.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from srek_desk import __version__
from srek_desk.config import SETTINGS, read_config_file

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"

FakeOnedir = Callable[..., Path]


def needs(*tools: str) -> pytest.MarkDecorator:
    """Skip unless every tool is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing), reason=f"not installed: {', '.join(missing)}")


def run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure the assertion shows its output."""
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


def _write(path: Path, data: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    path.chmod(mode)


def _bundle_files(root: Path) -> None:
    """What a PyInstaller _internal/ folder has in kind: libraries, an archive, resources."""
    internal = root / "_internal"
    _write(internal / "base_library.zip", b"PK\x05\x06" + bytes(18))
    _write(internal / "libpython3.11.so.1.0", "not a real library\n", 0o755)
    _write(internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so", "plugin\n", 0o755)
    _write(
        internal / "resources" / "icons" / "srek-desk.png",
        (REPO / "resources/icons/srek-desk.png").read_bytes(),
    )
    _write(internal / "resources" / "build-info.json", json.dumps({"version": __version__}))
    _write(internal / "srek_desk" / "db" / "migrations" / "env.py", "# alembic env\n")


@pytest.fixture(scope="session")
def fake_onedir(tmp_path_factory: pytest.TempPathFactory) -> FakeOnedir:
    """A Linux onedir folder whose `srek-desk --version` prints `srek-desk <version>`."""

    def make(version: str = __version__) -> Path:
        override = os.environ.get("SREK_PACKAGING_ONEDIR")
        if override:
            return Path(override).resolve()
        root = tmp_path_factory.mktemp("onedir") / "srek-desk"
        script = (
            "#!/bin/sh\n"
            "# stand-in for the frozen app\n"
            f'if [ "$1" = "--version" ]; then echo "srek-desk {version}"; exit 0; fi\n'
            'echo "srek-desk (fake) $*"\n'
        )
        _write(root / "srek-desk", script, 0o755)
        _bundle_files(root)
        return root

    return make


@pytest.fixture
def fake_windows_onedir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Windows onedir folder: console and windowed executables plus _internal/."""
    root = tmp_path_factory.mktemp("winonedir") / "srek-desk"
    _write(root / "srek-desk.exe", b"MZ console stand-in\n")
    _write(root / "srek-desk-gui.exe", b"MZ windowed stand-in\n")
    internal = root / "_internal"
    _write(internal / "python311.dll", b"MZ python\n")
    _write(internal / "base_library.zip", b"PK\x05\x06" + bytes(18))
    _write(internal / "PySide6" / "Qt6Core.dll", b"MZ qt\n")
    _write(internal / "PySide6" / "plugins" / "platforms" / "qwindows.dll", b"MZ plugin\n")
    _write(internal / "resources" / "gazetteer" / "de_postcodes.tsv.gz", b"\x1f\x8b data")
    _write(internal / "resources" / "build-info.json", json.dumps({"version": __version__}))
    return root


def load_script(relative: str) -> ModuleType:
    """Import one of the packaging scripts (they are files, not a package)."""
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _switched_on(sample: Path, target: Path) -> Path:
    """The sample config with every '# key = value' line switched on."""
    lines = [
        line[2:] if re.match(r"^# [a-z_]+ = ", line) else line
        for line in sample.read_text(encoding="utf-8").splitlines()
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def check_config_sample(sample: Path, tmp_path: Path) -> None:
    """Changes nothing as shipped; every example line, switched on, is a known valid setting."""
    assert read_config_file(sample) == {}
    switched = _switched_on(sample, tmp_path / "config.toml")
    data = tomllib.loads(switched.read_text(encoding="utf-8"))
    examples = {
        f"{t}.{k}" for t, values in data.items() if isinstance(values, dict) for k in values
    }
    assert examples, "the sample shows examples"
    assert examples <= {s.key for s in SETTINGS}, examples - {s.key for s in SETTINGS}
    assert set(read_config_file(switched)) == examples
