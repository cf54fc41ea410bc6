"""The BA's XSD for HR-BA-XML job postings: found in the office's folder, loaded once, checked against.

The office points the setting `import.hrbaxml_schema_dir` at the folder with the schema files the
BA hands its cooperation partners (e.g. HRBAXML_JobPosting.xsd, which includes HRBAXML.xsd). The
entry point is the file that declares the root element `HRBAXMLJobPositionPosting`; its includes
are read from the same folder only (no network, no other folders). Loading takes a noticeable
moment, so a loaded schema is kept for the process and reloaded only when the folder's XSD
files change.

Without a folder, or with a folder that holds no such XSD, files are checked structurally only and
the import says so. A folder that is missing, unreadable or holds a broken XSD refuses the import
with a message naming the folder: the office asked for the check, and it cannot be done.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.values import german_count

log = logging.getLogger(__name__)

SETTING = "import.hrbaxml_schema_dir"
ROOT_ELEMENT = "HRBAXMLJobPositionPosting"
PREFERRED_NAME = "hrbaxml_jobposting.xsd"  # the BA's name, chosen when several files qualify
MAX_LISTED = 20  # deviations listed one by one; the rest are counted
MAX_XSD_BYTES = 20 * 1024 * 1024
_DECLARES_ROOT = re.compile(
    rb"<(?:[\w.-]+:)?element\b[^>]*\bname\s*=\s*[\"']" + ROOT_ELEMENT.encode() + rb"[\"']"
)
NOT_CONFIGURED = f"Kein Ordner mit dem XSD der BA eingestellt (Einstellung „{SETTING}“)."
NO_XSD_IN_FOLDER = (
    f"Im eingestellten Ordner für das XSD der BA (Einstellung „{SETTING}“) liegt keine XSD-Datei, "
    f"die das Element „{ROOT_ELEMENT}“ erklärt."
)


@dataclass(frozen=True)
class SchemaChoice:
    """The schema to check against (None: structural check only) and, if none, why not."""

    schema: Any | None  # xmlschema.XMLSchema
    file_name: str = ""
    note: str = ""

    @property
    def checked(self) -> bool:
        return self.schema is not None


class SchemaRefused(ImportRefused):
    """The file breaks the XSD; `errors` lists the deviations (German, with line and element)."""

    def __init__(self, message: str, errors: tuple[RowError, ...]) -> None:
        super().__init__(message)
        self.errors = errors


_lock = threading.Lock()
# folder -> (its XSD files' names, sizes and times; the schema; the entry point's name)
_cache: dict[str, tuple[tuple[Any, ...], Any, str]] = {}


def _refuse_folder(folder: Path, what: str) -> ImportRefused:
    return ImportRefused(
        f"Der Ordner mit dem XSD der BA „{folder}“ (Einstellung „{SETTING}“) {what}. Bitte die "
        "Einstellung berichtigen oder leeren (dann wird nur der Aufbau geprüft)."
    )


def _xsd_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise _refuse_folder(folder, "existiert nicht")
    if not folder.is_dir():
        raise _refuse_folder(folder, "ist kein Ordner")
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xsd" and p.is_file())
    except OSError as exc:
        raise _refuse_folder(
            folder, f"kann nicht gelesen werden ({exc.strerror or type(exc).__name__})"
        ) from None


def _stamp(files: list[Path]) -> tuple[Any, ...]:
    stamps = []
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue
        stamps.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(stamps)


def _entry_point(folder: Path, files: list[Path]) -> Path | None:
    """The file declaring the root element (the BA's file name wins when several do)."""
    found = []
    for path in files:
        try:
            with path.open("rb") as stream:
                head = stream.read(MAX_XSD_BYTES)
        except OSError as exc:
            raise _refuse_folder(
                folder,
                f"enthält die Datei „{path.name}“, die nicht gelesen werden kann "
                f"({exc.strerror or type(exc).__name__})",
            ) from None
        if _DECLARES_ROOT.search(head):
            found.append(path)
    if len(found) > 1:
        preferred = [p for p in found if p.name.lower() == PREFERRED_NAME]
        if len(preferred) == 1:
            return preferred[0]
        names = ", ".join(f"„{p.name}“" for p in found)
        raise _refuse_folder(
            folder,
            f"enthält mehrere Schemas für HR-BA-XML-Stellenangebote ({names}); bitte nur die "
            "gültige Fassung darin lassen",
        )
    return found[0] if found else None


def _load(folder: Path, entry: Path) -> Any:
    import xmlschema

    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            # A missing or broken include is only a warning to xmlschema; for us it breaks the XSD.
            warnings.simplefilter("error", xmlschema.XMLSchemaIncludeWarning)
            warnings.simplefilter("error", xmlschema.XMLSchemaImportWarning)
            schema = xmlschema.XMLSchema(str(entry), allow="sandbox", defuse="always")
    except (
        xmlschema.XMLSchemaException,
        xmlschema.XMLSchemaIncludeWarning,
        xmlschema.XMLSchemaImportWarning,
        ParseError,
        OSError,
        ValueError,
    ) as exc:
        reason = " ".join(str(exc).split())[:300]
        raise _refuse_folder(
            folder, f"enthält ein fehlerhaftes oder unvollständiges XSD „{entry.name}“ ({reason})"
        ) from None
    if ROOT_ELEMENT not in schema.elements:
        raise _refuse_folder(
            folder, f"enthält mit „{entry.name}“ kein XSD für das Element „{ROOT_ELEMENT}“"
        )
    log.info("HR-BA-XML schema loaded in %.2f s", time.perf_counter() - started)
    return schema


def schema_for(folder_setting: str) -> SchemaChoice:
    """The XSD the setting points to, loaded once per process (and again when its files change).

    Raises ImportRefused (German, naming the folder) for a folder that is missing, unreadable or
    holds a broken XSD.
    """
    if not folder_setting.strip():
        return SchemaChoice(None, note=NOT_CONFIGURED)
    folder = Path(folder_setting.strip()).expanduser()
    files = _xsd_files(folder)
    key = str(folder.resolve())
    stamp = _stamp(files)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return SchemaChoice(cached[1], cached[2])
        entry = _entry_point(folder, files)
        if entry is None:
            return SchemaChoice(None, note=NO_XSD_IN_FOLDER)
        schema = _load(folder, entry)
        _cache.clear()  # one office, one schema: keep only the newest
        _cache[key] = (stamp, schema, entry.name)
    return SchemaChoice(schema, entry.name)


def check_against_schema(root: Any, choice: SchemaChoice, name: str) -> None:
    """Raise SchemaRefused when the parsed file (elements with `sourceline`) breaks the XSD."""
    if choice.schema is None:
        return
    from xmlschema import XMLResource

    from srek_desk.importers.hrbaxml_messages import german_error

    listed: list[RowError] = []
    count = 0
    # The file was parsed already (defusedxml, depth limit); xmlschema only walks the tree.
    for error in choice.schema.iter_errors(XMLResource(root, allow="none")):
        count += 1
        if len(listed) < MAX_LISTED:
            listed.append(german_error(error))
    if not count:
        return
    listed.sort(key=lambda e: e.line)
    rest = count - len(listed)
    if rest:
        listed.append(
            RowError(
                listed[-1].line,
                "",
                f"… und {german_count(rest)} weitere Abweichung{'en' if rest > 1 else ''} vom XSD",
            )
        )
    deviations = f"{german_count(count)} Abweichung{'en' if count > 1 else ''}"
    raise SchemaRefused(
        f"Die Datei {name} entspricht nicht dem XSD der BA („{choice.file_name}“): {deviations}; "
        "nichts wurde übernommen.",
        tuple(listed),
    )
