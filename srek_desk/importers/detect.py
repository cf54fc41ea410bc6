"""Which format a file is in, told by its content (never by its name alone)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from srek_desk.importers.errors import ImportRefused

FORMATS: dict[str, str] = {
    "ba-json": "BA-Jobsuche (JSON)",
    "csv": "CSV",
    "xlsx": "Excel (XLSX)",
    "hr-ba-xml": "HR-BA-XML",
}
_EXTENSIONS = {
    ".json": "ba-json",
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xml": "hr-ba-xml",
}
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s>/]")


def sniff(data: bytes, name: str) -> str:
    """The format of the content; refuses what SREK Desk cannot read, saying what it is."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
            # a damaged archive may also claim an unknown zip version or a bad offset
            raise ImportRefused(
                f"Die Datei {name} ist ein beschädigtes ZIP- bzw. Excel-Archiv."
            ) from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            raise ImportRefused(
                f"Die Datei {name} ist eine OpenDocument-Tabelle (.ods). "
                "Bitte als Excel (.xlsx) oder CSV speichern."
            )
        raise ImportRefused(f"Die Datei {name} ist ein ZIP-Archiv, keine Tabelle.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            f"Die Datei {name} ist im alten Excel-Format (.xls). Bitte als .xlsx oder CSV speichern."
        )
    if head.startswith(b"%PDF"):
        raise ImportRefused(f"Die Datei {name} ist ein PDF-Dokument, keine Import-Datei.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(
            f"Die Datei {name} ist in UTF-16 gespeichert. Bitte als CSV (UTF-8) speichern."
        )
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise ImportRefused(f"Die Datei {name} ist leer.")
    if text[:1] in (b"{", b"["):
        return "ba-json"
    if text[:1] == b"<":
        return _xml_kind(text, name)
    if b"\x00" in head:
        raise ImportRefused(f"Die Datei {name} ist eine Binärdatei, keine Import-Datei.")
    return "csv"


def _xml_kind(text: bytes, name: str) -> str:
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", b"", text, flags=re.S)
    match = _XML_ROOT.search(body)
    root = match.group(2).decode("ascii", "replace") if match else ""
    if root.startswith("HRBAXML") or root in {"JobPositionPosting", "HRBAXMLJobPositionPosting"}:
        return "hr-ba-xml"
    if root.lower() == "html":
        raise ImportRefused(f"Die Datei {name} ist eine Webseite (HTML), keine Import-Datei.")
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        return "hr-ba-xml"  # the XML reader refuses DTDs with a precise message
    raise ImportRefused(
        f"Die Datei {name} ist eine XML-Datei, aber kein HR-BA-XML-Stellenangebot "
        f"(Wurzelelement „{root or '?'}“ statt „HRBAXMLJobPositionPosting“)."
    )


def detect_format(data: bytes, path: Path, requested: str = "auto") -> tuple[str, str | None]:
    """(format, note): the format to read and a German note when the name misleads.

    With `requested` other than "auto", content of another format is refused.
    """
    found = sniff(data, path.name)
    if requested not in ("auto", found):
        raise ImportRefused(
            f"Die Datei {path.name} sollte {FORMATS.get(requested, requested)} sein, "
            f"enthält aber {FORMATS[found]}. Bitte das Format „auto“ wählen oder die Datei prüfen."
        )
    by_name = _EXTENSIONS.get(path.suffix.lower())
    note = None
    if by_name is not None and by_name != found:
        note = (
            f"Die Datei {path.name} heißt „{path.suffix}“, enthält aber {FORMATS[found]}; "
            f"sie wurde als {FORMATS[found]} gelesen."
        )
    return found, note
