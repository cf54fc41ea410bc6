"""A Jobbörse search and its answer pages: the query, one page read into records, the whole result.

Pure (no network, no database): `importers.jobboerse` fetches the pages, this module reads each one
with the BA JSON reader (`importers.ba_json`) and collects them. Records are numbered across the
pages ("Datensatz 103 (Seite 2, stellenangebote[2])"); an offer the Jobbörse sends twice (its list
moves while it is paged through) is taken once. The type of an offer comes from the search's
angebotsart where the record itself names none (search listings never do: it is a filter); a
word in the title does not overrule the Jobbörse's filter, but tells a dual study from an
Ausbildung (angebotsart 4 is both).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from srek_desk.errors import UserError
from srek_desk.importers.ba_json import read_ba_json
from srek_desk.importers.enrich import enrich_offers
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.records import ImportBatch, OfferRecord
from srek_desk.importers.skills import SkillLookup, resolve_offer_skills
from srek_desk.importers.values import german_count
from srek_desk.reference.catalog import ReferenceData

MAX_PAGE_SIZE = 100  # the Jobbörse refuses larger pages (HTTP 400)
MAX_WINDOW = 10_000  # and serves at most page × size = 10,000 offers of one search
MAX_RADIUS_KM = 200
# code -> (the API's angebotsart, the offer type stored, German label)
ANGEBOTSARTEN: dict[str, tuple[int, str, str]] = {
    "ausbildung": (4, "ausbildung", "Ausbildung / Duales Studium"),
    "arbeit": (1, "arbeit", "Arbeit"),
    "praktikum": (34, "praktikum", "Praktikum / Trainee"),
    "selbststaendigkeit": (2, "arbeit", "Selbstständigkeit"),
}
# Fields in which a record names its own type (importers.ba_json reads them).
_TYPE_KEYS = ("angebotsart", "stellenangebotsart", "ausbildungsart", "studiengang", "studienform")
_REFERENCE_KEYS = ("refnr", "referenznummer")
_RECORD_MESSAGE = re.compile(r"^Datensatz (\d+) \(([^)]*)\)")


class JobboerseError(UserError):
    """A search could not be fetched (network, Jobbörse, malformed answer); nothing is stored."""


@dataclass(frozen=True)
class SearchQuery:
    """What to ask the Jobbörse: was (occupation, keywords), wo (postcode, place), radius, type."""

    angebotsart: str
    was: str = ""
    wo: str = ""
    umkreis: int | None = None  # km around `wo`; None: the Jobbörse's own default
    berufsfeld: str = ""  # only for the parts of a search split by occupational field

    def checked(self) -> SearchQuery:
        """The query with tidy spaces; a German UserError for what cannot be asked."""
        was, wo = " ".join(self.was.split()), " ".join(self.wo.split())
        if self.angebotsart not in ANGEBOTSARTEN:
            raise UserError(
                f"Unbekannte Angebotsart „{self.angebotsart}“ (möglich: "
                f"{', '.join(ANGEBOTSARTEN)})."
            )
        if not was and not wo:
            raise UserError(
                "Bitte angeben, was (Beruf oder Stichwort) oder wo (Postleitzahl oder Ort) "
                "gesucht werden soll."
            )
        if len(was) > 200:
            raise UserError("„Was“ ist länger als 200 Zeichen.")
        if len(wo) > 120:
            raise UserError("„Wo“ ist länger als 120 Zeichen.")
        if self.umkreis is not None:
            if not wo:
                raise UserError("Ein Umkreis gilt nur zusammen mit einem Ort („Wo“).")
            if not 0 <= self.umkreis <= MAX_RADIUS_KM:
                raise UserError(
                    f"Der Umkreis muss zwischen 0 und {MAX_RADIUS_KM} km liegen, "
                    f"nicht {self.umkreis} km."
                )
        return replace(self, was=was, wo=wo)

    @property
    def offer_type(self) -> str:
        return ANGEBOTSARTEN[self.angebotsart][1]

    def params(self, page: int, size: int) -> dict[str, str]:
        """The query string of one page (pages count from 1)."""
        values = {"angebotsart": str(ANGEBOTSARTEN[self.angebotsart][0])}
        if self.was:
            values["was"] = self.was
        if self.wo:
            values["wo"] = self.wo
        if self.umkreis is not None and self.wo:
            values["umkreis"] = str(self.umkreis)
        if self.berufsfeld:
            values["berufsfeld"] = self.berufsfeld
        values.update(page=str(page), size=str(size))
        return values

    def describe(self) -> str:
        """German, for reports: Ausbildung / Duales Studium „Mechatroniker“ in Kassel (25 km)."""
        parts = [ANGEBOTSARTEN[self.angebotsart][2]]
        if self.was:
            parts.append(f"„{self.was}“")
        if self.wo:
            radius = f" ({self.umkreis} km)" if self.umkreis is not None else ""
            parts.append(f"in {self.wo}{radius}")
        if self.berufsfeld:
            parts.append(f"im Berufsfeld „{self.berufsfeld}“")
        return " ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "was": self.was,
            "wo": self.wo,
            "umkreis": self.umkreis,
            "angebotsart": self.angebotsart,
        }


@dataclass
class Page:
    """One answer page, read."""

    number: int
    max_results: int
    items: int  # listings on the page
    records: list[OfferRecord]
    errors: list[RowError]
    references: list[str]  # of every listing, good or bad
    seen: int  # records counted by the reader
    facets: dict[str, dict[str, int]]


@dataclass
class FetchResult:
    """Everything one search brought: records, row errors, and what could not be fetched."""

    query: SearchQuery
    offers: list[OfferRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    references: set[str] = field(default_factory=set)  # every reference returned
    total: int = 0  # listings received (good and bad)
    pages: int = 0
    max_results: int = 0  # how many offers the Jobbörse says the search has
    not_fetched: int = 0  # of those, how many could not be fetched
    duplicates: int = 0
    split: list[str] = field(default_factory=list)  # occupational fields searched one by one
    capped: dict[str, int] = field(default_factory=dict)  # part -> offers beyond 10,000
    sha256: str = ""

    @property
    def complete(self) -> bool:
        """True when every offer of the search arrived (then a re-fetch may retire offers)."""
        return self.not_fetched == 0 and not self.capped

    def notes(self) -> list[str]:
        """German hints for the report; true as stated."""
        notes: list[str] = []
        if self.split:
            notes.append(
                f"Die Jobbörse nennt {german_count(self.max_results)} Angebote, gibt je Suche aber "
                f"höchstens {german_count(MAX_WINDOW)} heraus; die Suche wurde daher nach "
                f"{len(self.split)} Berufsfeldern aufgeteilt."
            )
        for part, beyond in sorted(self.capped.items()):
            name = f"Berufsfeld „{part}“" if part else "Die Suche"
            notes.append(
                f"{name}: {german_count(beyond)} Angebote lagen jenseits der "
                f"{german_count(MAX_WINDOW)}, die die Jobbörse je Suche herausgibt."
            )
        if self.not_fetched:
            missing = (
                f"{german_count(self.not_fetched)} der {german_count(self.max_results)} Angebote, "
                "die die Jobbörse zählt, konnten nicht abgerufen werden"
            )
            if self.capped or self.max_results > MAX_WINDOW:
                notes.append(f"{missing}; bitte die Suche eingrenzen (kleinerer Umkreis, "
                             "genaueres „Was“).")  # fmt: skip
            else:  # fewer arrived than announced: the list changed while it was paged through?
                notes.append(f"{missing}; ein erneuter Abruf kann sie bringen.")
        if self.duplicates:
            notes.append(
                f"{german_count(self.duplicates)} Angebote lieferte die Jobbörse mehrfach; sie "
                "wurden je einmal übernommen."
            )
        return notes


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _facets(document: dict[str, Any]) -> dict[str, dict[str, int]]:
    """{"berufsfeld": {name: count}} from `facetten` (an object, or a list of objects)."""
    raw = document.get("facetten")
    parts = raw if isinstance(raw, list) else [raw]
    facets: dict[str, dict[str, int]] = {}
    for part in parts:
        if not isinstance(part, dict):
            continue
        for name, facet in part.items():
            counts = facet.get("counts") if isinstance(facet, dict) else None
            if isinstance(counts, dict):
                facets.setdefault(name, {}).update(
                    {str(k): c for k, v in counts.items() if (c := _count(v)) is not None}
                )
    return facets


def _reference(item: Any) -> str:
    if isinstance(item, dict):
        for key in _REFERENCE_KEYS:
            value = item.get(key)
            if isinstance(value, str | int) and str(value).strip():
                return str(value).strip()
    return ""


def _names_type(item: Any) -> bool:
    return isinstance(item, dict) and any(item.get(k) not in (None, "", [], {}) for k in _TYPE_KEYS)


def _renumbered(error: RowError, offset: int, page: int) -> RowError:
    match = _RECORD_MESSAGE.match(error.message)
    if match is None:
        message = f"Seite {page}: {error.message}"
    else:
        number = int(match.group(1)) + offset
        where = match.group(2)
        message = f"Datensatz {number} (Seite {page}, {where})" + error.message[match.end() :]
    return RowError(error.line + offset, error.field, message)


def read_page(data: bytes, number: int, query: SearchQuery, offset: int) -> Page:
    """One answer page as records numbered from `offset` + 1; JobboerseError when malformed."""
    where = f"Die Jobbörse hat auf Seite {number} eine fehlerhafte Antwort geliefert"
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise JobboerseError(f"{where}: Sie ist nicht UTF-8-kodiert.") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(data.rstrip()) - 1:
            reason = "sie bricht mitten im Text ab (Verbindung abgebrochen?)"
        else:
            reason = f"kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})"
        raise JobboerseError(f"{where}: {reason}.") from None
    except (ValueError, RecursionError):
        raise JobboerseError(f"{where}: Sie ist zu tief verschachtelt.") from None
    if not isinstance(document, dict):
        raise JobboerseError(f"{where}: Sie ist kein JSON-Objekt.")
    max_results = _count(document.get("maxErgebnisse"))
    if max_results is None:
        raise JobboerseError(f"{where}: Die Gesamtzahl „maxErgebnisse“ fehlt.")
    items = document.get("stellenangebote")
    if items is None and (max_results == 0 or number > 1):
        items = []  # an empty result (or past its end) may come without the list
    if not isinstance(items, list):
        raise JobboerseError(f"{where}: Die Liste „stellenangebote“ fehlt.")
    records: list[OfferRecord] = []
    errors: list[RowError] = []
    seen = 0
    if items:
        try:
            records, errors, seen = read_ba_json(data, f"Seite {number}")
        except ImportRefused as refusal:
            raise JobboerseError(f"{where}: {refusal.message}") from None
    asked = query.offer_type
    for record in records:
        raw = items[record.line - 1] if 0 < record.line <= len(items) else None
        if not _names_type(raw) or record.offer_type == "unklar":
            # The Jobbörse filtered by type: that beats a word in the title, except that its
            # "Ausbildung/Duales Studium" may be told apart by the title.
            dual = asked == "ausbildung" and record.offer_type == "duales_studium"
            record.offer_type = record.offer_type if dual else asked
        record.line += offset
    return Page(
        number=number,
        max_results=max_results,
        items=len(items),
        records=records,
        errors=[_renumbered(e, offset, number) for e in errors],
        references=[r for r in map(_reference, items) if r],
        seen=seen,
        facets=_facets(document),
    )


class Collector:
    """Gathers the pages of one search (and of its parts) into a FetchResult."""

    def __init__(self, query: SearchQuery) -> None:
        self.result = FetchResult(query)
        self._hash = hashlib.sha256()
        self._taken: set[str] = set()

    def add(self, data: bytes, number: int, part: SearchQuery) -> Page:
        self._hash.update(data)
        page = read_page(data, number, part, self.result.total)
        result = self.result
        result.pages += 1
        result.total += page.seen
        result.errors += page.errors
        for record in page.records:
            if record.reference in self._taken:
                result.duplicates += 1
                continue
            self._taken.add(record.reference)
            result.offers.append(record)
        result.references.update(page.references)
        return page

    def finish(self, max_results: int) -> FetchResult:
        result = self.result
        result.max_results = max_results
        result.not_fetched = max(0, max_results - len(result.references))
        result.sha256 = self._hash.hexdigest()
        return result


def last_page(max_results: int, size: int) -> int:
    """The last page worth asking for: the end of the list or of the 10,000 window."""
    return max(1, math.ceil(min(max_results, MAX_WINDOW) / size))


def fetched_batch(
    result: FetchResult, reference: ReferenceData, skills: SkillLookup | None = None
) -> ImportBatch:
    """The result as the batch a BA JSON file gives, completed from reference data alike."""
    batch = ImportBatch(
        format="ba-json", offers=result.offers, errors=list(result.errors), total=result.total
    )
    # full_load stays False: a search is no complete list; the fetch service retires
    enrich_offers(batch, reference)
    if skills is not None:
        resolve_offer_skills(batch, skills)
    return batch
