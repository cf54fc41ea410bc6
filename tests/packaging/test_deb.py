"""The Linux package: built from a onedir folder with dpkg-deb, checked by lintian, installed.

The install test changes the machine (dpkg -i / -r / -P as root) and runs only when
SREK_DEB_INSTALL_TEST=1 is set (CI sets it).
"""

from __future__ import annotations

import configparser
import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from srek_desk import __version__
from tests.packaging.conftest import (
    PACKAGING,
    FakeOnedir,
    check_config_sample,
    load_script,
    needs,
    run,
)

pytestmark = needs("dpkg-deb", "dpkg")

build_deb = load_script("linux/build_deb.py")


def _build(onedir: Path, out: Path, version: str | None = None, compression: str = "gzip") -> Path:
    """gzip keeps the real bundle's build in seconds; releases use the default, xz."""
    result = run(
        "python3",
        PACKAGING / "linux" / "build_deb.py",
        onedir,
        "-o",
        out,
        "--compression",
        compression,
        *(["--version", version] if version else []),
    )
    deb = Path(result.stdout.strip().splitlines()[-1])
    assert deb.is_file()
    return deb


@pytest.fixture(scope="module")
def deb(fake_onedir: FakeOnedir, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(fake_onedir(), tmp_path_factory.mktemp("deb"))


def test_release_packages_use_xz(fake_onedir: FakeOnedir, tmp_path: Path) -> None:
    if os.environ.get("SREK_PACKAGING_ONEDIR"):
        pytest.skip("xz takes minutes for the real bundle")
    deb = _build(fake_onedir(), tmp_path, compression="xz")
    assert _ar_members(deb) == ["debian-binary", "control.tar.xz", "data.tar.xz"]


def _ar_members(deb: Path) -> list[str]:
    """Member names of the ar archive a .deb is (no binutils needed)."""
    data = deb.read_bytes()
    assert data[:8] == b"!<arch>\n"
    names, offset = [], 8
    while offset < len(data):
        header = data[offset : offset + 60]
        names.append(header[:16].decode().strip().rstrip("/"))
        offset += 60 + int(header[48:58].decode().strip())
        offset += offset % 2
    return names


def _contents(deb: Path) -> dict[str, tuple[str, str]]:
    """path → (mode string, owner) from dpkg-deb --contents."""
    listing: dict[str, tuple[str, str]] = {}
    for line in run("dpkg-deb", "--contents", deb).stdout.splitlines():
        fields = line.split()
        path = fields[5].removeprefix(".")
        listing[path.rstrip("/") or "/"] = (fields[0], fields[1])
    return listing


def _field(deb: Path, name: str) -> str:
    return run("dpkg-deb", "--field", deb, name).stdout.strip()


def test_package_metadata(deb: Path) -> None:
    assert deb.name == f"srek-desk_{__version__}_{_field(deb, 'Architecture')}.deb"
    assert _field(deb, "Package") == "srek-desk"
    assert _field(deb, "Version") == __version__
    depends = _field(deb, "Depends")
    assert re.match(r"libc6 \(>= \d+\.\d+\)", depends)
    for library in ("libxcb-cursor0", "libegl1", "libfontconfig1", "libxkbcommon-x11-0"):
        assert library in depends
    info = run("dpkg-deb", "--info", deb).stdout
    assert "conffiles" in info and "md5sums" in info
    assert "postinst" not in info and "postrm" not in info, "no maintainer scripts wanted"
    extracted = deb.parent / "control"
    if not extracted.exists():
        run("dpkg-deb", "--control", deb, extracted)
    assert (extracted / "conffiles").read_text().split() == ["/etc/srek-desk/config.toml"]


def test_package_layout_and_modes(deb: Path) -> None:
    listing = _contents(deb)
    expected = {
        "/opt/srek-desk/srek-desk": "-rwxr-xr-x",
        "/opt/srek-desk/_internal/base_library.zip": "-rw-r--r--",
        # shared libraries lose the executable bit they do not need (lintian, Debian policy)
        "/opt/srek-desk/_internal/libpython3.11.so.1.0": "-rw-r--r--",
        "/usr/bin/srek-desk": "-rwxr-xr-x",
        "/usr/share/applications/srek-desk.desktop": "-rw-r--r--",
        "/usr/share/icons/hicolor/256x256/apps/srek-desk.png": "-rw-r--r--",
        "/etc/srek-desk/config.toml": "-rw-r--r--",
        "/usr/share/doc/srek-desk/copyright": "-rw-r--r--",
        "/usr/share/doc/srek-desk/changelog.gz": "-rw-r--r--",
        "/usr/share/doc/srek-desk/ADMIN.md": "-rw-r--r--",
        "/usr/share/man/man1/srek-desk.1.gz": "-rw-r--r--",
        "/usr/share/lintian/overrides/srek-desk": "-rw-r--r--",
    }
    for path, mode in expected.items():
        assert path in listing, f"{path} missing from the package"
        assert listing[path][0] == mode, f"{path}: {listing[path][0]}"
    assert {owner for _, owner in listing.values()} == {"root/root"}
    outside = [
        p
        for p in listing
        if not p.startswith(("/opt/srek-desk", "/usr/", "/etc/srek-desk"))
        and p not in {"/", "/opt", "/etc", "/usr"}
    ]
    assert outside == []


def test_launcher_runs_the_bundle(fake_onedir: FakeOnedir, tmp_path: Path) -> None:
    launcher = (PACKAGING / "linux" / "srek-desk").read_text()
    assert 'exec /opt/srek-desk/srek-desk "$@"' in launcher
    # The same launcher pointed at the fake bundle passes arguments through.
    copy = tmp_path / "launcher"
    copy.write_text(launcher.replace("/opt/srek-desk", str(fake_onedir())))
    copy.chmod(0o755)
    assert run(copy, "--version").stdout.startswith(f"srek-desk {__version__}")


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "srek-desk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "srek-desk"
    assert section["Icon"] == "srek-desk"
    assert section["Terminal"] == "false"
    if shutil.which("desktop-file-validate"):
        run("desktop-file-validate", PACKAGING / "linux" / "srek-desk.desktop")


def test_machine_config_sample_is_valid(tmp_path: Path) -> None:
    check_config_sample(PACKAGING / "linux" / "config.toml", tmp_path)


def test_versions_for_debian() -> None:
    assert build_deb.debian_version("0.1.0") == "0.1.0"
    assert build_deb.debian_version("1.2.0rc1") == "1.2.0~rc1"
    assert build_deb.debian_version("1.2.0.dev3") == "1.2.0~dev3"
    versions = ["1.2.0~rc1", "1.2.0", "1.2.1"]
    for older, newer in itertools.pairwise(versions):
        subprocess.run(["dpkg", "--compare-versions", older, "lt", newer], check=True)


def test_refuses_a_folder_without_the_executable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = subprocess.run(
        [
            "python3",
            str(PACKAGING / "linux" / "build_deb.py"),
            str(tmp_path / "empty"),
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "no executable" in result.stderr


@needs("lintian")
def test_lintian_finds_no_errors(deb: Path) -> None:
    result = subprocess.run(
        ["lintian", "--fail-on", "error", "--tag-display-limit", "0", "--info", str(deb)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


# -- install, upgrade, remove, purge on this machine --------------------------------------------

install_test = pytest.mark.skipif(
    os.environ.get("SREK_DEB_INSTALL_TEST") != "1" or os.geteuid() != 0,
    reason="changes the machine: set SREK_DEB_INSTALL_TEST=1 and run as root (CI does)",
)


def _installed() -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "srek-desk"], capture_output=True, text=True
    )
    return "installed" in status.stdout and "not-installed" not in status.stdout


@install_test
def test_install_upgrade_remove_keep_user_data(fake_onedir: FakeOnedir, tmp_path: Path) -> None:
    if _installed():
        pytest.skip("srek-desk is installed on this machine; not touching it")
    home = tmp_path / "home"
    user_db = home / ".local/share/srek-desk/srek-desk.sqlite3"
    user_config = home / ".config/srek-desk/config.toml"
    for path, data in ((user_db, b"SQLite format 3\x00 user data"), (user_config, b"[office]\n")):
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (user_db, user_config)}
    env = {**os.environ, "HOME": str(home)}
    for name in ("SREK_DATA_DIR", "SREK_CONFIG_DIR", "SREK_LOG_DIR", "SREK_MACHINE_CONFIG_DIR"):
        env.pop(name, None)

    first = _build(fake_onedir(), tmp_path / "v1")
    newer_version = re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) + 1), __version__)
    second = _build(fake_onedir(newer_version), tmp_path / "v2", newer_version)
    machine_config = Path("/etc/srek-desk/config.toml")
    try:
        run("dpkg", "-i", first)
        assert run("srek-desk", "--version", env=env).stdout.startswith(f"srek-desk {__version__}")
        assert Path("/usr/share/applications/srek-desk.desktop").is_file()
        # The admin edits the machine config; upgrades and removal must keep the edit.
        edited = machine_config.read_text() + '\n[office]\nname = "Testamt"\n'
        machine_config.write_text(edited)

        run("dpkg", "-i", second)  # upgrade
        upgraded = __version__ if os.environ.get("SREK_PACKAGING_ONEDIR") else newer_version
        assert run("srek-desk", "--version", env=env).stdout.startswith(f"srek-desk {upgraded}")
        assert machine_config.read_text() == edited

        run("dpkg", "-r", "srek-desk")
        assert not Path("/opt/srek-desk").exists()
        assert not Path("/usr/bin/srek-desk").exists()
        assert machine_config.read_text() == edited, "removal keeps conffiles"

        run("dpkg", "-P", "srek-desk")
        assert not machine_config.exists(), "purge removes the machine config"
    finally:
        if _installed() or Path("/etc/srek-desk").exists():
            subprocess.run(["dpkg", "-P", "srek-desk"], capture_output=True)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (user_db, user_config)}
    assert after == before, "user data must stay untouched"
