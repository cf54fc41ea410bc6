"""The Windows installer: WiX source from the onedir folder, built with wixl, read with msiinfo.

Nothing here runs Windows Installer itself: the tables are checked for what it will do.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from srek_desk import __version__
from srek_desk.policy import INSTALLER_KEY, REGISTRY_NAMES
from tests.packaging.conftest import PACKAGING, check_config_sample, load_script, needs, run

generate_wxs = load_script("windows/generate_wxs.py")
NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
HKLM = "2"  # Registry table: msidbRegistryRootLocalMachine


def _wxs(onedir: Path, out: Path, version: str = __version__) -> ET.Element:
    generate_wxs.write_wxs(onedir, out, version)
    return ET.parse(out).getroot()


# -- the WiX source ----------------------------------------------------------------------------


def test_wxs_installs_every_file_of_the_bundle(fake_windows_onedir: Path, tmp_path: Path) -> None:
    root = _wxs(fake_windows_onedir, tmp_path / "srek-desk.wxs")
    bundle = {
        p.relative_to(fake_windows_onedir).as_posix()
        for p in fake_windows_onedir.rglob("*")
        if p.is_file()
    }
    sources = {
        (tmp_path / f.get("Source", "")).resolve().relative_to(fake_windows_onedir).as_posix()
        for f in root.iterfind(".//w:File", NS)
        if (tmp_path / f.get("Source", "")).resolve().is_relative_to(fake_windows_onedir)
    }
    assert sources == bundle
    for file in root.iterfind(".//w:File", NS):
        assert not Path(file.get("Source", "")).is_absolute(), "wixl takes relative paths only"
    components = list(root.iterfind(".//w:Component", NS))
    assert all(c.get("Win64") == "yes" for c in components)
    assert len({c.get("Guid") for c in components}) == len(components)
    assert len({c.get("Id") for c in components}) == len(components)
    refs = {r.get("Id") for r in root.iterfind(".//w:Feature/w:ComponentRef", NS)}
    assert refs == {c.get("Id") for c in components}


def test_wxs_is_reproducible_and_codes_are_stable(
    fake_windows_onedir: Path, tmp_path: Path
) -> None:
    first = _wxs(fake_windows_onedir, tmp_path / "a" / "srek-desk.wxs")
    again = _wxs(fake_windows_onedir, tmp_path / "b" / "srek-desk.wxs")
    newer = _wxs(fake_windows_onedir, tmp_path / "c" / "srek-desk.wxs", "0.2.0")
    product = first.find("w:Product", NS)
    assert product is not None
    assert product.get("UpgradeCode") == "5B0E2C7A-3F49-4E8B-A1D6-7C2F90E4B613"
    assert (tmp_path / "a/srek-desk.wxs").read_text() == (tmp_path / "b/srek-desk.wxs").read_text()
    newer_product = newer.find("w:Product", NS)
    assert newer_product is not None
    assert newer_product.get("UpgradeCode") == product.get("UpgradeCode")
    assert newer_product.get("Id") != product.get("Id"), "each release is a new product"
    guids = {c.get("Id"): c.get("Guid") for c in first.iterfind(".//w:Component", NS)}
    assert guids == {c.get("Id"): c.get("Guid") for c in newer.iterfind(".//w:Component", NS)}
    assert again.find("w:Product", NS) is not None


def test_texts_in_the_package_are_ascii(fake_windows_onedir: Path, tmp_path: Path) -> None:
    _wxs(fake_windows_onedir, tmp_path / "srek-desk.wxs")
    text = (tmp_path / "srek-desk.wxs").read_text(encoding="utf-8")
    assert text.isascii(), "the MSI database has no code page for other characters"


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", "0.1.0"), ("1.2", "1.2.0"), ("2.0.1rc1", "2.0.1"), ("3.4.5.dev2+abc", "3.4.5")],
)
def test_msi_versions(version: str, expected: str) -> None:
    assert generate_wxs.msi_version(version) == expected


def test_msi_version_limits() -> None:
    with pytest.raises(SystemExit):
        generate_wxs.msi_version("256.0.0")


def test_icon_is_a_png_in_an_ico() -> None:
    png = (PACKAGING.parent / "resources/icons/srek-desk.png").read_bytes()
    ico = generate_wxs.png_to_ico(png)
    assert ico[:6] == b"\x00\x00\x01\x00\x01\x00"
    assert ico[22:] == png


def test_refuses_a_folder_without_the_executable(tmp_path: Path) -> None:
    (tmp_path / "linux").mkdir()
    (tmp_path / "linux" / "srek-desk").write_text("#!/bin/sh\n")
    with pytest.raises(SystemExit, match=r"no srek-desk\.exe"):
        generate_wxs.write_wxs(tmp_path / "linux", tmp_path / "x.wxs", "0.1.0")


def test_installer_values_are_read_by_the_app() -> None:
    assert set(generate_wxs.MSI_PROPERTIES.values()) <= set(REGISTRY_NAMES)
    assert generate_wxs.INSTALLER_KEY == INSTALLER_KEY


def test_programdata_config_sample_is_valid(tmp_path: Path) -> None:
    check_config_sample(PACKAGING / "windows" / "config.example.toml", tmp_path)


# -- the MSI built by wixl ---------------------------------------------------------------------


def _table(msi: Path, name: str) -> list[dict[str, str]]:
    """Rows of one MSI table as dicts (msiinfo export: names, types, key line, rows)."""
    lines = run("msiinfo", "export", msi, name).stdout.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:] if line]


@pytest.fixture
def msi(fake_windows_onedir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "srek-desk.msi"
    result = run("bash", PACKAGING / "windows" / "build_msi.sh", fake_windows_onedir, out)
    assert result.stdout.strip() == str(out)
    assert "warning" not in result.stderr.lower()
    return out


@needs("wixl", "msiinfo")
def test_msi_tables_for_a_per_machine_install(msi: Path) -> None:
    tables = set(run("msiinfo", "tables", msi).stdout.split())
    assert {"File", "Component", "Shortcut", "Registry", "Property", "Upgrade"} <= tables
    properties = {row["Property"]: row["Value"] for row in _table(msi, "Property")}
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"].upper() == "{5B0E2C7A-3F49-4E8B-A1D6-7C2F90E4B613}"
    assert properties["ProductVersion"] == __version__
    assert properties["ProductName"] == "SREK Desk"
    assert properties["ARPPRODUCTICON"]
    suminfo = run("msiinfo", "suminfo", msi).stdout
    assert re.search(r"Template: x64;", suminfo), "a 64-bit package"
    assert all(int(c["Attributes"]) & 256 for c in _table(msi, "Component")), "64-bit components"
    directories = {row["Directory"]: row for row in _table(msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == "SREK Desk"


@needs("wixl", "msiinfo")
def test_msi_major_upgrade_and_downgrade_refusal(msi: Path) -> None:
    upgrade = _table(msi, "Upgrade")
    older = [r for r in upgrade if r["VersionMax"] == __version__ and not r["VersionMin"]]
    newer = [r for r in upgrade if r["VersionMin"] == __version__ and not r["VersionMax"]]
    assert len(older) == 1 and not int(older[0]["Attributes"]) & 2, "older versions are removed"
    assert len(newer) == 1 and int(newer[0]["Attributes"]) & 2, "newer versions only detected"
    conditions = {row["Condition"]: row["Description"] for row in _table(msi, "LaunchCondition")}
    assert f"NOT {newer[0]['ActionProperty']}" in conditions
    assert "neuere Version" in conditions[f"NOT {newer[0]['ActionProperty']}"]
    sequence = {
        row["Action"]: int(row["Sequence"]) for row in _table(msi, "InstallExecuteSequence")
    }
    # The old version goes before the new one is installed: no stale files survive an upgrade.
    assert sequence["FindRelatedProducts"] < sequence["RemoveExistingProducts"]
    assert sequence["RemoveExistingProducts"] < sequence["InstallInitialize"]


@needs("wixl", "msiinfo")
def test_msi_files_shortcut_and_registry(msi: Path, fake_windows_onedir: Path) -> None:
    names = {row["FileName"] for row in _table(msi, "File")}
    bundle = {p.name for p in fake_windows_onedir.rglob("*") if p.is_file()}
    assert bundle <= names
    assert {"srek-desk.admx", "srek-desk.adml", "config.example.toml"} <= names
    assert "config.toml" not in names, "the admin's own config.toml is never the MSI's"

    (shortcut,) = _table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Target"] == "[INSTALLDIR]srek-desk-gui.exe"

    registry = {(r["Root"], r["Key"], r["Name"]): r["Value"] for r in _table(msi, "Registry")}
    assert registry[(HKLM, INSTALLER_KEY, "DatabaseUrl")] == "[DATABASE_URL]"
    assert registry[(HKLM, INSTALLER_KEY, "OfficeName")] == "[OFFICE_NAME]"
    assert not any("Policies" in key for _, key, _ in registry), "policies are Group Policy's"

    # On an upgrade without the properties the installed values are read back and kept.
    locators = {row["Name"]: row for row in _table(msi, "RegLocator")}
    assert locators["DatabaseUrl"]["Key"] == INSTALLER_KEY
    assert int(locators["DatabaseUrl"]["Type"]) & 16, "64-bit registry view"
    actions = {row["Action"]: row for row in _table(msi, "CustomAction")}
    assert actions["KeepDatabaseUrl"]["Source"] == "DATABASE_URL"
    sequence = {row["Action"]: row for row in _table(msi, "InstallExecuteSequence")}
    assert int(sequence["AppSearch"]["Sequence"]) < int(sequence["KeepDatabaseUrl"]["Sequence"])
    assert int(sequence["KeepDatabaseUrl"]["Sequence"]) < int(
        sequence["WriteRegistryValues"]["Sequence"]
    )
    assert sequence["KeepDatabaseUrl"]["Condition"] == "PREVIOUS_DATABASE_URL AND NOT DATABASE_URL"


@needs("wixl", "msiextract")
def test_msi_payload_matches_the_bundle(
    msi: Path, fake_windows_onedir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "extracted"
    run("msiextract", "-C", target, msi)
    for path in fake_windows_onedir.rglob("*"):
        if path.is_file():
            relative = path.relative_to(fake_windows_onedir)
            matches = list(target.rglob(relative.name))
            assert any(m.read_bytes() == path.read_bytes() for m in matches), relative


@needs("wixl", "msiinfo")
def test_a_newer_msi_upgrades_the_older(fake_windows_onedir: Path, tmp_path: Path) -> None:
    builds = {}
    for version in (__version__, "99.0.0"):
        out = tmp_path / f"srek-desk-{version}.msi"
        subprocess.run(
            ["bash", str(PACKAGING / "windows/build_msi.sh"), str(fake_windows_onedir), str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "SREK_VERSION": version, "PYTHON": sys.executable},
        )
        builds[version] = {r["Property"]: r["Value"] for r in _table(out, "Property")}
    old, new = builds[__version__], builds["99.0.0"]
    assert old["UpgradeCode"] == new["UpgradeCode"]
    assert old["ProductCode"] != new["ProductCode"]
    upgrade = _table(tmp_path / "srek-desk-99.0.0.msi", "Upgrade")
    assert any(r["VersionMax"] == "99.0.0" and not r["VersionMin"] for r in upgrade)


def test_build_fails_when_wixl_warns(fake_windows_onedir: Path, tmp_path: Path) -> None:
    """wixl warns about attributes it does not know and then ignores them: that must not pass."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_wixl = bin_dir / "wixl"
    fake_wixl.write_text(
        "#!/bin/sh\n"
        "echo \"(wixl:1): GLib-GObject-WARNING **: object class 'WixlWixComponent' "
        "has no property named 'Permanent'\" >&2\n"
        'while [ $# -gt 0 ]; do [ "$1" = -o ] && touch "$2"; shift; done\n'
    )
    fake_wixl.chmod(0o755)
    out = tmp_path / "srek-desk.msi"
    result = subprocess.run(
        ["bash", str(PACKAGING / "windows/build_msi.sh"), str(fake_windows_onedir), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
    )
    assert result.returncode == 1
    assert "wixl warned" in result.stderr
    assert not out.exists()
