"""Write build-info.json for a frozen build: version, commit, build date, platform, tool versions.

Run by srek-desk.spec (and usable alone): ``python packaging/build_info.py -o FILE``.
The app reads the file through ``srek_desk.build_info``; a source run has none ("Quellcode").

The commit comes from the environment (SREK_BUILD_COMMIT, then the usual CI variables) or is
read from the .git folder's files directly, so that no git executable is needed on the build
machine. The build date honours SOURCE_DATE_EPOCH for reproducible builds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
COMMIT_VARIABLES = ("SREK_BUILD_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION")
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


def package_version(repo: Path = REPO) -> str:
    """`__version__` from srek_desk/__init__.py, read as text (the spec must not import the app)."""
    text = (repo / "srek_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise RuntimeError("srek_desk/__init__.py has no __version__")
    return found.group(1)


def _git_dir(repo: Path) -> Path | None:
    dot_git = repo / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a worktree or submodule: "gitdir: PATH"
        line = dot_git.read_text(encoding="utf-8").strip()
        if line.startswith("gitdir:"):
            target = Path(line.split(":", 1)[1].strip())
            return target if target.is_absolute() else (repo / target).resolve()
    return None


def _resolve_ref(git_dir: Path, ref: str) -> str | None:
    common = git_dir
    commondir = git_dir / "commondir"
    if commondir.is_file():
        common = (git_dir / commondir.read_text(encoding="utf-8").strip()).resolve()
    for folder in (git_dir, common):
        loose = folder / ref
        if loose.is_file():
            return loose.read_text(encoding="utf-8").strip()
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1] == ref:
                return parts[0]
    return None


def commit_id(repo: Path = REPO, environ: dict[str, str] | None = None) -> str | None:
    """The commit being built, or None when neither the environment nor .git tells."""
    environ = dict(os.environ) if environ is None else environ
    for name in COMMIT_VARIABLES:
        value = environ.get(name, "").strip().lower()
        if _SHA.match(value):
            return value
    git_dir = _git_dir(repo)
    if git_dir is None:
        return None
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        sha = _resolve_ref(git_dir, head[4:].strip()) if head.startswith("ref:") else head
    except OSError:
        return None
    return sha.lower() if sha and _SHA.match(sha.lower()) else None


def build_date(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _distribution_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def collect(repo: Path = REPO) -> dict[str, Any]:
    return {
        "version": package_version(repo),
        "commit": commit_id(repo),
        "built_at": build_date(),
        "platform": f"{sys.platform}-{platform.machine().lower()}",
        "python": platform.python_version(),
        "qt": _distribution_version("PySide6-Essentials"),
        "pyinstaller": _distribution_version("pyinstaller"),
    }


def write(target: Path, repo: Path = REPO) -> dict[str, Any]:
    info = collect(repo)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows shows: "0.1.0" → (0, 1, 0, 0); "1.2rc1" → (1, 2, 0, 0)."""
    numbers = []
    for part in version.split(".")[:4]:
        digits = re.match(r"\d+", part)
        numbers.append(int(digits.group()) if digits else 0)
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def windows_version_info(version: str, file_name: str, description: str) -> Any:
    """The version resource of a Windows executable (Properties → Details), for the spec."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    strings = [
        StringStruct("CompanyName", "SREK"),
        StringStruct("FileDescription", description),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", file_name.removesuffix(".exe")),
        StringStruct("OriginalFilename", file_name),
        StringStruct("ProductName", "SREK Desk"),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=0x3F,
            flags=0x0,
            OS=0x40004,  # Windows NT, 32-bit windows API
            fileType=0x1,  # application
            subtype=0x0,
            date=(0, 0),
        ),
        kids=[
            StringFileInfo([StringTable("040704B0", strings)]),  # German, Unicode
            VarFileInfo([VarStruct("Translation", [0x0407, 1200])]),
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True, help="build-info.json to write")
    args = parser.parse_args(argv)
    print(json.dumps(write(args.output), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
