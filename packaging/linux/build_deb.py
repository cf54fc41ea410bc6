"""Build the Debian package srek-desk_<version>_<arch>.deb from the PyInstaller onedir folder.

    python3 packaging/linux/build_deb.py packaging/dist/srek-desk [-o packaging/dist]

Layout of the package:
  /opt/srek-desk/                      the onedir bundle (srek-desk + _internal/), unchanged
  /usr/bin/srek-desk                   launcher script
  /usr/share/applications/srek-desk.desktop, /usr/share/icons/hicolor/<size>/apps/srek-desk.png
  /etc/srek-desk/config.toml           machine config (a conffile: dpkg keeps local changes)
  /usr/share/doc/srek-desk/            copyright, changelog.gz, ADMIN.md
  /usr/share/man/man1/srek-desk.1.gz   manual page
  /usr/share/lintian/overrides/srek-desk

No maintainer scripts: dpkg handles the conffile, and the icon cache and desktop database are
refreshed by the triggers of hicolor-icon-theme and desktop-file-utils. Nothing in a home folder
is touched on install, upgrade, removal or purge. Needs only the standard library and dpkg-deb;
smaller icon sizes are added when Pillow is importable.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGE = "srek-desk"
MAINTAINER = "SREK Desk Team <srek-desk@example.org>"
ICON = REPO / "resources" / "icons" / "srek-desk.png"
ICON_SIZES = (48, 64, 128)  # besides the 256 px original, when Pillow is there

# What the Qt bundle loads from the system (PySide6 wheels ship Qt, not X11/GL/fontconfig).
# The same list as in .ci/run and README.md.
QT_DEPENDS = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxrender1",
    "libxi6",
)

DESCRIPTION = """\
career guidance desk for Hessen, Niedersachsen and NRW
 SREK Desk helps career counsellors in the border region of Hessen,
 Niedersachsen, Nordrhein-Westfalen and Thueringen: client profiles,
 apprenticeship and job offers from all three states, matching across the
 state borders and printed opportunity sheets.
 .
 This package ships the self-contained application bundle in /opt/srek-desk
 with a launcher, a desktop entry and a machine-wide configuration file in
 /etc/srek-desk. User data stays in each user's home folder."""


def package_version(repo: Path = REPO) -> str:
    """`__version__` from srek_desk/__init__.py, read as text."""
    text = (repo / "srek_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("srek_desk/__init__.py has no __version__")
    return found.group(1)


def debian_version(version: str) -> str:
    """PEP 440 → Debian: pre-releases sort before the release (1.0rc1 → 1.0~rc1)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:\.?(a|b|rc|dev)(\d*))?(?:\+(.+))?", version)
    if not match:
        raise SystemExit(f"cannot turn version {version!r} into a Debian version")
    release, pre, number, local = match.groups()
    result = release + (f"~{pre}{number}" if pre else "")
    return result + (f"+{local}" if local else "")


def host_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def glibc_version() -> str:
    """Upstream glibc version of the build machine: the bundle needs at least this one."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True
    ).stdout
    found = re.match(r"(\d+\.\d+)", out)
    return found.group(1) if found else ""


def source_date() -> float:
    return float(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def copy_bundle(onedir: Path, target: Path) -> None:
    """The onedir folder into /opt/srek-desk with Debian's modes (0755 dirs and programs, 0644
    files; shared libraries without the executable bit, which they do not need)."""
    executable = onedir / PACKAGE
    if not executable.is_file():
        raise SystemExit(f"{onedir} has no executable {PACKAGE!r}: is it the onedir folder?")
    shutil.copytree(onedir, target, symlinks=True)
    for path in sorted(target.rglob("*")):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
            continue
        name = path.name
        shared_library = name.endswith(".so") or ".so." in name
        keep_exec = bool(path.stat().st_mode & 0o111) and not shared_library
        path.chmod(0o755 if keep_exec else 0o644)
    (target / PACKAGE).chmod(0o755)


def _install(source: Path | bytes, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        shutil.copyfile(source, target)
    target.chmod(mode)


def _gzip(data: bytes, mtime: float) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=int(mtime))


def add_icons(root: Path) -> list[int]:
    sizes = [256]
    icons = root / "usr/share/icons/hicolor"
    _install(ICON, icons / "256x256/apps" / f"{PACKAGE}.png")
    try:
        from PIL import Image
    except ImportError:
        return sizes
    with Image.open(ICON) as original:
        for size in ICON_SIZES:
            target = icons / f"{size}x{size}/apps" / f"{PACKAGE}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            original.resize((size, size), Image.Resampling.LANCZOS).save(target, optimize=True)
            target.chmod(0o644)
            sizes.append(size)
    return sorted(sizes)


def changelog(version: str, mtime: float) -> bytes:
    text = (
        f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
        f"  * Release {version}; see the release notes of SREK Desk.\n\n"
        f" -- {MAINTAINER}  {formatdate(mtime, localtime=False)}\n"
    )
    return text.encode("utf-8")


def control(version: str, architecture: str, installed_kib: int) -> str:
    libc = glibc_version()
    depends = [f"libc6 (>= {libc})" if libc else "libc6", *QT_DEPENDS]
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(depends),
        "Recommends": "hicolor-icon-theme",
        "Section": "misc",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def md5sums(root: Path) -> bytes:
    """DEBIAN/md5sums for `dpkg --verify` (conffiles too, as dpkg-deb expects)."""
    lines = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink() and not relative.startswith("DEBIAN/"):
            lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")
    return "".join(lines).encode("utf-8")


def _installed_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1024
        else:
            total += max(1024, -(-path.stat().st_size // 1024) * 1024)
    return -(-total // 1024)


def build(onedir: Path, out_dir: Path, version: str | None = None, compression: str = "xz") -> Path:
    version = debian_version(version or package_version())
    architecture = host_architecture()
    mtime = source_date()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="srek-deb-") as work:
        root = Path(work) / "root"
        root.mkdir(mode=0o755)
        copy_bundle(onedir, root / "opt" / PACKAGE)
        _install(HERE / PACKAGE, root / "usr/bin" / PACKAGE, 0o755)
        _install(
            HERE / f"{PACKAGE}.desktop", root / "usr/share/applications" / f"{PACKAGE}.desktop"
        )
        add_icons(root)
        _install(HERE / "config.toml", root / "etc" / PACKAGE / "config.toml")
        doc = root / "usr/share/doc" / PACKAGE
        _install(HERE / "copyright", doc / "copyright")
        _install(_gzip(changelog(version, mtime), mtime), doc / "changelog.gz")
        _install(HERE.parent / "ADMIN.md", doc / "ADMIN.md")
        man = (HERE / f"{PACKAGE}.1").read_bytes()
        _install(_gzip(man, mtime), root / "usr/share/man/man1" / f"{PACKAGE}.1.gz")
        _install(HERE / "lintian-overrides", root / "usr/share/lintian/overrides" / PACKAGE)
        for path in root.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        debian = root / "DEBIAN"
        debian.mkdir(mode=0o755)
        _install(control(version, architecture, _installed_kib(root)).encode(), debian / "control")
        _install(b"/etc/srek-desk/config.toml\n", debian / "conffiles")
        _install(md5sums(root), debian / "md5sums")
        for path in root.rglob("*"):
            if not path.is_symlink():
                os.utime(path, (mtime, mtime))
        deb = out_dir / f"{PACKAGE}_{version}_{architecture}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("onedir", type=Path, help="PyInstaller onedir folder (srek-desk/)")
    parser.add_argument("-o", "--out", type=Path, default=REPO / "packaging" / "dist")
    parser.add_argument("--version", help="package version (default: srek_desk.__version__)")
    parser.add_argument(
        "--compression",
        choices=("xz", "gzip"),
        default="xz",
        help="xz: smallest (default; about 2 min for the real bundle); gzip: fast, for tests",
    )
    args = parser.parse_args(argv)
    deb = build(args.onedir.resolve(), args.out.resolve(), args.version, args.compression)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
