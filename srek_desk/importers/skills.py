"""Skills and flags of read offers: skill levels, names to vocabulary codes, flag words, flag merging.

Readers keep skill names as the file writes them (`OfferRecord.required_skill_names`,
`nice_skill_names`); `resolve_offer_skills` turns them into codes of the skills vocabulary with a
lookup the service hands in (importers never read the database). Names that match no skill are
dropped and reported in ONE counted hint per file, never as an error.

Levels (BA `fertigkeiten[].auspraegungen`, HR-BA-XML SkillLevel): "Expertenkenntnisse",
"Erweiterte Kenntnisse", "Zwingend erforderlich" count as required; "Grundkenntnisse",
"wünschenswert", "von Vorteil" and level names we do not know count as nice to have: an unclear
level must not turn a client into a near miss.

From BA JSON and HR-BA-XML, an offer none of whose skills is in the vocabulary keeps what the
office entered by hand; a spreadsheet column always says the whole truth ("" clears).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from srek_desk.db.codes import OFFER_FLAGS, join_codes, split_codes
from srek_desk.importers.errors import RowError
from srek_desk.importers.records import ImportBatch
from srek_desk.importers.values import clean, fold

# text -> (codes found, parts not understood); SkillResolver.resolve_many of the service
SkillLookup = Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]

MAX_CODES_CHARS = 1000  # offer.skills_required / skills_nice column length
MAX_NAMES_PER_OFFER = 200  # a hostile file must not make one record expensive
_NAME_KEYS = ("name", "bezeichnung", "fertigkeit", "kenntnis", "auspraegung", "label", "text")
_LEVEL_KEYS = ("niveau", "level", "stufe", "auspraegungsgrad", "kenntnisstand")
_REQUIRED_WORDS = ("experte", "erweitert", "zwingend", "erforderlich", "pflicht", "muss")
_NICE_WORDS = ("grund", "wuensch", "vorteil", "optional", "basis", "nicht", "kann")
_RECORD_WORDS = {"ba-json": "Datensatz", "hr-ba-xml": "Stellenangebot"}

# Spreadsheet "Merkmale" cells: a word stem per flag (export writes the OFFER_FLAGS labels).
FLAG_STEMS: tuple[tuple[str, str], ...] = (
    ("quereinst", "lateral_entry"),
    ("gefluecht", "refugees"),
    ("fluechtl", "refugees"),
    ("zeitarbeit", "temp_agency"),
    ("arbeitnehmerueberlassung", "temp_agency"),
    ("personaldienst", "temp_agency"),
    ("vermittlung", "private_agency"),
    ("schwerbehindert", "disabled_only"),
)
# Field names seen for the BA's offer flags (old details, 2026 details, search facets).
_FLAG_KEYS: dict[str, str] = {
    "fuerFluechtlingeGeeignet": "refugees",
    "istFuerFluechtlingeGeeignet": "refugees",
    "nurFuerSchwerbehinderte": "disabled_only",
    "istBehinderungGefordert": "disabled_only",
    "quereinstiegGeeignet": "lateral_entry",
    "istQuereinstiegGeeignet": "lateral_entry",
    "zeitarbeit": "temp_agency",
    "istZeitarbeit": "temp_agency",
    "istArbeitnehmerUeberlassung": "temp_agency",
    "arbeitnehmerUeberlassung": "temp_agency",
    "istPrivateArbeitsvermittlung": "private_agency",
    "privateArbeitsvermittlung": "private_agency",
}
_TRUE = frozenset({"true", "ja", "j", "1", "yes", "y"})
_FALSE = frozenset({"false", "nein", "n", "0", "no"})
_FLAG_SEPARATORS = re.compile(r"[;,\n|/]+")
_NEGATIONS = ("kein", "nicht ", "ohne ")
FLAG_HINT = "Zeitarbeit, private Arbeitsvermittlung, Quereinstieg, für Geflüchtete, nur für Schwerbehinderte"


def level_is_required(level: str) -> bool:
    """Whether skills of this level name count as required (see the module docstring)."""
    text = fold(level)
    if any(word in text for word in _NICE_WORDS):
        return False
    return any(word in text for word in _REQUIRED_WORDS)


def skill_names(value: Any, limit: int = MAX_NAMES_PER_OFFER) -> list[str]:
    """Names from a string, an object with a name-like field, or a list of either (tolerant)."""
    names: list[str] = []
    pending = [value]
    while pending and len(names) < limit:
        item = pending.pop(0)
        if isinstance(item, str):
            text = clean(item)[:200]
            if text:
                names.append(text)
        elif isinstance(item, dict):
            name = next((item[k] for k in _NAME_KEYS if isinstance(item.get(k), str)), None)
            if name is not None:
                pending.append(name)
        elif isinstance(item, list) and len(pending) < limit:
            pending.extend(item[:limit])
    return names


def _level_of(item: Any) -> str:
    if isinstance(item, dict):
        return next((clean(item[k]) for k in _LEVEL_KEYS if isinstance(item.get(k), str)), "")
    return ""


def read_fertigkeiten(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(required, nice) names of a BA `fertigkeiten` value; None when it is missing or no list.

    Each entry is `{hierarchieName, auspraegungen: {level: [names]}}`; `auspraegungen` given as a
    list of names or of `{name, niveau}` objects is read too. `hierarchieName` is a category.
    """
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return None
    required: list[str] = []
    nice: list[str] = []
    for entry in value[:MAX_NAMES_PER_OFFER]:
        levels = entry.get("auspraegungen") if isinstance(entry, dict) else entry
        if isinstance(levels, dict):
            pairs: Iterable[tuple[str, Any]] = ((str(k), v) for k, v in levels.items())
        elif isinstance(levels, list):
            pairs = ((_level_of(item), item) for item in levels)
        else:
            continue
        for level, names in pairs:
            target = required if level_is_required(level) else nice
            room = MAX_NAMES_PER_OFFER - len(required) - len(nice)
            if room > 0:
                target.extend(skill_names(names, room))
    return tuple(dict.fromkeys(required)), tuple(
        dict.fromkeys(n for n in nice if n not in required)
    )


def read_ba_flags(item: dict[str, Any]) -> dict[str, bool] | None:
    """The flags a BA JSON record states (True or False); None when it states none."""
    flags: dict[str, bool] = {}
    for key in _FLAG_KEYS.keys() & item.keys():  # most records state none: one set operation
        code, value = _FLAG_KEYS[key], item[key]
        if isinstance(value, str):
            text = fold(value)
            value = True if text in _TRUE else False if text in _FALSE else None
        elif isinstance(value, int) and not isinstance(value, bool):
            value = bool(value) if value in (0, 1) else None
        if isinstance(value, bool):
            flags[code] = flags.get(code, False) or value
    return flags or None


def parse_flags(value: object) -> dict[str, bool]:
    """A "Merkmale" cell ("Zeitarbeit; Quereinstieg") -> every flag with True/False."""
    found: set[str] = set()
    for part in _FLAG_SEPARATORS.split(fold(clean(value))):
        part = part.strip(" .-")
        if not part or part in ("nein", "keine", "ohne"):
            continue
        code = next((code for stem, code in FLAG_STEMS if stem in part), None)
        if code is None:
            raise ValueError(f"„{part}“ ist kein bekanntes Merkmal (möglich: {FLAG_HINT})")
        if not part.startswith(_NEGATIONS):
            found.add(code)
    return {code: code in found for code in OFFER_FLAGS}


def merge_flags(stored: str, stated: Mapping[str, bool] | None) -> str:
    """Stored flags updated by what a file states; order of the stored ones kept (stable digest)."""
    if stated is None:
        return stored
    codes = [c for c in split_codes(stored) if stated.get(c, True)]
    codes += [c for c in OFFER_FLAGS if stated.get(c) and c not in codes]
    return join_codes(codes)


def _fit(codes: list[str]) -> str:
    text = join_codes(codes)
    if len(text) > MAX_CODES_CHARS:
        text = text[: text.rfind(",", 0, MAX_CODES_CHARS + 1)]
    return text


def resolve_offer_skills(batch: ImportBatch, lookup: SkillLookup) -> None:
    """Fill skills_required / skills_nice of every record from its names; one hint for unknowns."""
    cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    unknown: Counter[str] = Counter()
    lines: list[int] = []
    keep_when_unknown = batch.format in _RECORD_WORDS

    def codes_of(names: tuple[str, ...], line: int) -> list[str]:
        codes: list[str] = []
        missed = False
        for name in names:
            if name not in cache:
                cache[name] = lookup(name)
            found, parts = cache[name]
            codes += found
            unknown.update(part[:60] for part in parts)
            missed = missed or bool(parts)
        if missed and (not lines or lines[-1] != line):
            lines.append(line)
        return codes

    for record in batch.offers:
        if record.required_skill_names is None and record.nice_skill_names is None:
            continue
        required = codes_of(record.required_skill_names or (), record.line)
        nice = [
            c for c in codes_of(record.nice_skill_names or (), record.line) if c not in required
        ]
        if keep_when_unknown and not required and not nice:
            continue  # nothing understood: what the office entered stays
        record.skills_required, record.skills_nice = _fit(required), _fit(nice)
    if unknown:
        batch.warnings.append(
            _unknown_hint(unknown, lines, _RECORD_WORDS.get(batch.format, "Zeile"))
        )


def _unknown_hint(unknown: Counter[str], lines: list[int], word: str) -> RowError:
    shown = ", ".join(
        f"„{name}“" + (f" ({count}×)" if count > 1 else "")
        for name, count in sorted(unknown.items(), key=lambda item: (-item[1], item[0]))[:10]
    )
    more = f" und {len(unknown) - 10} weitere" if len(unknown) > 10 else ""
    where = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
    total = sum(unknown.values())
    return RowError(
        lines[0],
        "Kenntnisse",
        f"Kenntnisse: {total} Angabe{'n' if total != 1 else ''} ({word} {where}) stehen nicht im "
        f"Verzeichnis der Kenntnisse und wurden nicht übernommen: {shown}{more}. Bei Bedarf im "
        "Verzeichnis ergänzen (als Bezeichnung oder anderer Name).",
    )
