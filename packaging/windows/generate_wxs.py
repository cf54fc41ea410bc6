"""Write the WiX source (for wixl from msitools) that installs the Windows onedir folder.

    python3 packaging/windows/generate_wxs.py ONEDIR -o build/srek-desk.wxs [--version 0.1.0]

What the MSI does (see packaging/ADMIN.md for the admin's view):
- per machine (ALLUSERS=1) into %ProgramFiles%\\SREK Desk (property INSTALLDIR), 64-bit;
- a Start-menu shortcut to srek-desk-gui.exe (srek-desk.exe when there is no windowed build);
- the Group Policy templates into INSTALLDIR\\policies and a sample machine configuration
  %ProgramData%\\SREK\\srek-desk\\config.example.toml (never config.toml itself: the MSI would
  delete an admin's file on uninstall or upgrade);
- the optional properties DATABASE_URL and OFFICE_NAME become the registry values DatabaseUrl
  and OfficeName under HKLM\\Software\\SREK\\Desk, which the app reads below its config file
  (srek_desk/policy.py). wixl has no IniFile or XmlFile, and a custom action writing TOML would
  be a program of its own; registry values are what Windows Installer writes natively. On an
  upgrade without the properties the previous values are kept (RegistrySearch + type-51 action);
- a major upgrade on every release (fixed UpgradeCode, ProductCode derived from the version:
  the same version built twice is the same product, never a second entry in "Apps"); the older
  version is removed before the new one is installed; downgrades are refused.

Only the standard library: runs with any python3. wixl understands a subset of WiX 3: what is
used here (Product, Package, MediaTemplate, MajorUpgrade, Property, RegistrySearch, Icon,
CustomAction type 51, InstallExecuteSequence/InstallUISequence with Custom, Condition, Directory,
Component, File, Shortcut, RegistryValue). build_msi.sh fails on any wixl warning, because
wixl warns about and then ignores attributes it does not know.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import struct
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

PRODUCT_NAME = "SREK Desk"
MANUFACTURER = "SREK"
# Never change: Windows finds the installed SREK Desk to upgrade by this code.
UPGRADE_CODE = "5B0E2C7A-3F49-4E8B-A1D6-7C2F90E4B613"
# Namespace for the GUIDs derived from names (components from their path, product from version).
GUID_NAMESPACE = uuid.UUID("0B6F7E52-94A1-4C3D-8E2B-5D17A9C3F408")

INSTALLER_KEY = r"Software\SREK\Desk"  # read by srek_desk/policy.py (installer layer)
INSTALL_INFO_KEY = INSTALLER_KEY + r"\Install"  # key paths of our components; not settings
# MSI property → registry value name under INSTALLER_KEY (names as in srek_desk.policy).
MSI_PROPERTIES = {"DATABASE_URL": "DatabaseUrl", "OFFICE_NAME": "OfficeName"}

CONSOLE_EXE = "srek-desk.exe"
GUI_EXE = "srek-desk-gui.exe"
# MSI strings are stored without a code page here: keep texts in the package to ASCII.
DOWNGRADE_MESSAGE = (
    "Eine neuere Version von SREK Desk ist bereits installiert. "
    "Bitte zuerst diese deinstallieren, wenn wirklich eine alte Version gebraucht wird."
)
WINDOWS_MESSAGE = "SREK Desk braucht Windows 10 oder neuer in der 64-Bit-Ausgabe."


def package_version(repo: Path = REPO) -> str:
    text = (repo / "srek_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("srek_desk/__init__.py has no __version__")
    return found.group(1)


def msi_version(version: str) -> str:
    """PEP 440 release → MSI ProductVersion major.minor.build (255.255.65535 at most).

    Windows compares only these three fields for upgrades, so every release needs a new one;
    pre-release and local parts are dropped (0.2.0rc1 installs as 0.2.0).
    """
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if not match:
        raise SystemExit(f"cannot turn version {version!r} into an MSI version")
    major, minor, build = (int(part or 0) for part in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise SystemExit(f"version {version!r} is beyond the MSI limits 255.255.65535")
    return f"{major}.{minor}.{build}"


def product_code(version: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"product {version}")).upper()


def component_guid(kind: str, relative: str) -> str:
    """Stable per installed path (Windows paths ignore case): the component rules hold."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind} {relative.lower()}")).upper()


def _id(prefix: str, relative: str) -> str:
    """A valid MSI identifier (letters, digits, _ and .; at most 72) from a path."""
    return prefix + hashlib.sha1(relative.lower().encode("utf-8")).hexdigest()[:24].upper()


def png_to_ico(png: bytes) -> bytes:
    """An .ico holding one PNG image (read by Windows Vista and later)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("the icon is not a PNG file")
    width, height = struct.unpack(">II", png[16:24])
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


class WxsBuilder:
    NS = "http://schemas.microsoft.com/wix/2006/wi"

    def __init__(self, onedir: Path, version: str, icon: Path, base: Path) -> None:
        self.onedir = onedir
        self.base = base
        self.version = msi_version(version)
        self.icon = icon
        self.components: list[str] = []
        ET.register_namespace("", self.NS)
        self.root = ET.Element(self._tag("Wix"))

    def _source(self, path: Path) -> str:
        """wixl takes only relative paths, from the folder it runs in: the .wxs's folder."""
        return os.path.relpath(path, self.base)

    def _tag(self, name: str) -> str:
        return f"{{{self.NS}}}{name}"

    def _sub(
        self, parent: ET.Element, name: str, text: str | None = None, **attrs: str
    ) -> ET.Element:
        element = ET.SubElement(parent, self._tag(name), attrs)
        if text is not None:
            element.text = text
        return element

    def _component(self, parent: ET.Element, kind: str, relative: str, **attrs: str) -> ET.Element:
        component_id = _id("C", f"{kind} {relative}")
        self.components.append(component_id)
        return self._sub(
            parent,
            "Component",
            Id=component_id,
            Guid=component_guid(kind, relative),
            Win64="yes",
            **attrs,
        )

    def build(self) -> ET.Element:
        product = self._sub(
            self.root,
            "Product",
            Id=product_code(self.version),
            Name=PRODUCT_NAME,
            Language="1031",
            Version=self.version,
            Manufacturer=MANUFACTURER,
            UpgradeCode=UPGRADE_CODE,
        )
        self._sub(
            product,
            "Package",
            InstallerVersion="500",
            Compressed="yes",
            InstallScope="perMachine",
            Description=f"{PRODUCT_NAME} {self.version}",
            Comments="Berufsberatung: Ausbildungs- und Stellenangebote abgleichen",
        )
        self._sub(product, "MediaTemplate", EmbedCab="yes")
        self._sub(product, "MajorUpgrade", DowngradeErrorMessage=DOWNGRADE_MESSAGE)
        self._sub(
            product,
            "Condition",
            "Installed OR (VersionNT64 AND VersionNT >= 603)",
            Message=WINDOWS_MESSAGE,
        )
        self._properties(product)
        target = self._sub(product, "Directory", Id="TARGETDIR", Name="SourceDir")
        program_files = self._sub(target, "Directory", Id="ProgramFiles64Folder")
        install_dir = self._sub(program_files, "Directory", Id="INSTALLDIR", Name=PRODUCT_NAME)
        self._bundle(install_dir)
        self._policy_templates(install_dir)
        self._config_sample(target)
        self._shortcut(target)
        self._registry(target)
        feature = self._sub(product, "Feature", Id="Main", Title=PRODUCT_NAME, Level="1")
        for component_id in self.components:
            self._sub(feature, "ComponentRef", Id=component_id)
        return self.root

    def _properties(self, product: ET.Element) -> None:
        self._sub(product, "Icon", Id="srek_desk.ico", SourceFile=self._source(self.icon))
        for name, value in (
            ("ARPPRODUCTICON", "srek_desk.ico"),
            ("ARPNOMODIFY", "1"),
            ("ARPCOMMENTS", "Berufsberatung ueber Laendergrenzen"),
        ):
            self._sub(product, "Property", Id=name, Value=value)
        # Keep DATABASE_URL / OFFICE_NAME of the installed version when an upgrade omits them:
        # AppSearch reads the old registry value, a type-51 action copies it over.
        execute = self._sub(product, "InstallExecuteSequence")
        ui = self._sub(product, "InstallUISequence")
        for number, (prop, value_name) in enumerate(MSI_PROPERTIES.items()):
            previous = f"PREVIOUS_{prop}"
            search = self._sub(product, "Property", Id=previous)
            self._sub(
                search,
                "RegistrySearch",
                Id=f"Find{value_name}",
                Root="HKLM",
                Key=INSTALLER_KEY,
                Name=value_name,
                Type="raw",
                Win64="yes",
            )
            action = f"Keep{value_name}"
            self._sub(product, "CustomAction", Id=action, Property=prop, Value=f"[{previous}]")
            condition = f"{previous} AND NOT {prop}"
            for sequence in (execute, ui):
                # Right after AppSearch (50), long before WriteRegistryValues.
                self._sub(sequence, "Custom", condition, Action=action, Sequence=str(51 + number))

    def _bundle(self, install_dir: ET.Element) -> None:
        executables = {p.name.lower() for p in self.onedir.iterdir() if p.is_file()}
        if CONSOLE_EXE not in executables:
            raise SystemExit(
                f"{self.onedir} has no {CONSOLE_EXE}: is it the Windows onedir folder?"
            )
        directories: dict[PurePosixPath, ET.Element] = {PurePosixPath("."): install_dir}
        for path in sorted(self.onedir.rglob("*")):
            relative = PurePosixPath(path.relative_to(self.onedir).as_posix())
            if not relative.as_posix().isascii():
                raise SystemExit(f"non-ASCII file name in the bundle: {relative}")
            if path.is_dir():
                continue
            parent = self._directory(directories, relative.parent)
            component = self._component(parent, "file", relative.as_posix())
            file_id = {CONSOLE_EXE: "SrekDeskExe", GUI_EXE: "SrekDeskGuiExe"}.get(
                relative.as_posix().lower(), _id("F", relative.as_posix())
            )
            self._sub(
                component,
                "File",
                Id=file_id,
                Name=path.name,
                Source=self._source(path),
                KeyPath="yes",
            )

    def _directory(
        self, directories: dict[PurePosixPath, ET.Element], relative: PurePosixPath
    ) -> ET.Element:
        if relative not in directories:
            parent = self._directory(directories, relative.parent)
            directories[relative] = self._sub(
                parent, "Directory", Id=_id("D", relative.as_posix()), Name=relative.name
            )
        return directories[relative]

    def _policy_templates(self, install_dir: ET.Element) -> None:
        policies = self._sub(install_dir, "Directory", Id="PolicyTemplates", Name="policies")
        for relative in ("srek-desk.admx", "de-DE/srek-desk.adml", "en-US/srek-desk.adml"):
            parent = policies
            if "/" in relative:
                folder = relative.split("/")[0]
                parent = self._sub(
                    policies, "Directory", Id=_id("D", f"templates {folder}"), Name=folder
                )
            component = self._component(parent, "policy", relative)
            self._sub(
                component,
                "File",
                Id=_id("F", f"templates {relative}"),
                Name=relative.rsplit("/", 1)[-1],
                Source=self._source(HERE / relative),
                KeyPath="yes",
            )

    def _config_sample(self, target: ET.Element) -> None:
        data = self._sub(target, "Directory", Id="CommonAppDataFolder")
        vendor = self._sub(data, "Directory", Id="ProgramDataSREK", Name="SREK")
        folder = self._sub(vendor, "Directory", Id="MACHINECONFIGDIR", Name="srek-desk")
        component = self._component(folder, "config", "config.example.toml")
        self._sub(
            component,
            "File",
            Id="ConfigExample",
            Name="config.example.toml",
            Source=self._source(HERE / "config.example.toml"),
            KeyPath="yes",
        )

    def _shortcut(self, target: ET.Element) -> None:
        names = {p.name.lower() for p in self.onedir.iterdir()}
        exe = GUI_EXE if GUI_EXE in names else CONSOLE_EXE
        menu = self._sub(target, "Directory", Id="ProgramMenuFolder")
        component = self._component(menu, "shortcut", "start menu")
        self._sub(
            component,
            "Shortcut",
            Id="StartMenuShortcut",
            Name=PRODUCT_NAME,
            Description="Berufsberatung: Angebote abgleichen, Chancenboegen drucken",
            Target=f"[INSTALLDIR]{exe}",
            WorkingDirectory="INSTALLDIR",
            Icon="srek_desk.ico",
        )
        self._sub(
            component,
            "RegistryValue",
            Root="HKLM",
            Key=INSTALL_INFO_KEY,
            Name="StartMenuShortcut",
            Type="integer",
            Value="1",
            KeyPath="yes",
        )

    def _registry(self, target: ET.Element) -> None:
        component = self._component(target, "registry", "installer settings")
        self._sub(
            component,
            "RegistryValue",
            Root="HKLM",
            Key=INSTALL_INFO_KEY,
            Name="InstallDir",
            Type="string",
            Value="[INSTALLDIR]",
            KeyPath="yes",
        )
        self._sub(
            component,
            "RegistryValue",
            Root="HKLM",
            Key=INSTALL_INFO_KEY,
            Name="Version",
            Type="string",
            Value=self.version,
        )
        for prop, value_name in MSI_PROPERTIES.items():
            # An empty property writes an empty value, which the app treats as "not given".
            self._sub(
                component,
                "RegistryValue",
                Root="HKLM",
                Key=INSTALLER_KEY,
                Name=value_name,
                Type="string",
                Value=f"[{prop}]",
            )


def write_wxs(
    onedir: Path, out: Path, version: str | None = None, icon: Path | None = None
) -> Path:
    """Write OUT (.wxs) and the .ico beside it; returns OUT. Run wixl in OUT's folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    ico = out.with_name("srek-desk.ico")
    ico.write_bytes(png_to_ico((icon or REPO / "resources/icons/srek-desk.png").read_bytes()))
    out = out.resolve()
    builder = WxsBuilder(onedir.resolve(), version or package_version(), ico.resolve(), out.parent)
    root = builder.build()
    ET.indent(root, space="  ")
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
    out.write_text(text + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("onedir", type=Path, help="the Windows onedir folder (srek-desk/)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="the .wxs to write")
    parser.add_argument("--version", help="version (default: srek_desk.__version__)")
    parser.add_argument("--icon", type=Path, help="PNG icon (default: resources/icons)")
    args = parser.parse_args(argv)
    print(write_wxs(args.onedir, args.out, args.version, args.icon))
    return 0


if __name__ == "__main__":
    sys.exit(main())
