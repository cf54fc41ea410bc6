"""One entry point for every import file: detect the format by content, read, complete from reference data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from srek_desk.importers.ba_json import read_ba_json
from srek_desk.importers.clients_table import read_client_table
from srek_desk.importers.detect import FORMATS, detect_format
from srek_desk.importers.enrich import enrich_offers
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.hrbaxml import read_hrbaxml
from srek_desk.importers.hrbaxml_schema import schema_for
from srek_desk.importers.occupation_coding import OccupationResolver
from srek_desk.importers.offer_table import COLUMN_BY_FIELD, read_offer_table, suggest_mapping
from srek_desk.importers.records import ImportBatch
from srek_desk.importers.skills import SkillLookup, resolve_offer_skills
from srek_desk.importers.tabular import read_table
from srek_desk.importers.values import MAX_FILE_BYTES, read_limited
from srek_desk.reference.catalog import ReferenceData

KINDS = ("offers", "clients")


def read_import_file(
    path: Path,
    reference: ReferenceData,
    *,
    file_format: str = "auto",
    kind: str = "offers",
    mapping: Mapping[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    skills: SkillLookup | None = None,
    hrbaxml_schema_dir: str = "",
    encoding: str | None = None,
) -> ImportBatch:
    """Read a file completely; raises ImportRefused for files that cannot be imported at all.

    `skills` resolves skill names to vocabulary codes (the service passes the vocabulary's);
    without it the skills of offers stay unresolved and are not written.
    `hrbaxml_schema_dir` (the setting import.hrbaxml_schema_dir): HR-BA-XML is checked against
    the BA's XSD in that folder; empty: structurally only (the batch says which).
    `encoding` (`--encoding`): a CSV file is read in exactly this encoding; without it, UTF-8 or
    Windows-1252 is recognised and a file mixing both is refused.
    """
    path = Path(path)
    if file_format != "auto" and file_format not in FORMATS:
        raise ImportRefused(f"Unbekanntes Format „{file_format}“.")
    if kind not in KINDS:
        raise ImportRefused(f"Unbekannte Art „{kind}“ (Angebote: offers, Klient:innen: clients).")
    data = read_limited(path, max_bytes)
    found, note = detect_format(data, path, file_format)
    name = path.name
    batch = ImportBatch(format=found, kind=kind)
    if note:
        batch.warnings.append(RowError(0, "Datei", note))
    resolver = OccupationResolver(reference)
    if kind == "clients":
        if found not in ("csv", "xlsx"):
            raise ImportRefused(
                f"Klient:innen werden aus CSV- oder Excel-Tabellen eingelesen; die Datei {name} "
                f"enthält {FORMATS[found]}."
            )
        table = read_table(data, name, found, encoding)
        del data
        batch.clients, batch.errors, batch.fields = read_client_table(table, name, resolver)
        batch.total = len(table.rows)
        return batch
    postcode_label = None
    if found == "ba-json":
        batch.offers, batch.errors, batch.total = read_ba_json(data, name)
    elif found == "hr-ba-xml":
        schema = schema_for(hrbaxml_schema_dir)
        offers, deletions, errors, full_load, total = read_hrbaxml(data, name, schema=schema)
        batch.schema_checked = schema.checked
        if schema.note:
            batch.warnings.append(RowError(0, "Datei", schema.note))
        batch.offers, batch.deletions, batch.errors = offers, deletions, errors
        batch.full_load, batch.total = full_load, total
    else:
        table = read_table(data, name, found, encoding)
        used = dict(mapping) if mapping else suggest_mapping(table.header)
        batch.offers, batch.errors, batch.fields = read_offer_table(table, name, used)
        batch.total = len(table.rows)
        postcode_label = next(
            (title for title, field in used.items() if field == "postcode"),
            COLUMN_BY_FIELD["postcode"].label,
        )
        batch.fields = batch.fields | {"lat", "lon", "state", "place", "kldb_code"}
    del data
    enrich_offers(batch, reference, resolver, postcode_label)
    if skills is not None:
        resolve_offer_skills(batch, skills)
    return batch
