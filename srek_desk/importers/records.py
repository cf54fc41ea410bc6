"""Plain records the importers produce: offers, clients and what a file asks to delete.

Importers never touch the database; a service turns these records into rows. `fields` on a batch
names the offer (or client) columns the file actually supplies, so that an update only
overwrites what the file knows about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from srek_desk.importers.errors import RowError

# Offer columns an importer may fill (names of `srek_desk.db.models.Offer` columns).
OFFER_FIELDS: tuple[str, ...] = (
    "offer_type",
    "title",
    "occupation_name",
    "kldb_code",
    "required_school",
    "employer_name",
    "street",
    "postcode",
    "place",
    "state",
    "lat",
    "lon",
    "working_time",
    "fixed_term",
    "start_date",
    "application_deadline",
    "positions",
    "driving_licence",
    "german_level",
    "contact_name",
    "contact_phone",
    "contact_email",
    "url",
    "salary_text",
    "description",
    "published_at",
    "modified_at",
    "skills_required",
    "skills_nice",
    "flags",
    "place_approximate",
)


@dataclass(slots=True)
class OfferRecord:
    """One offer as read from a file; `line` is the line (CSV) or record number (JSON, XML)."""

    line: int
    reference: str
    title: str = ""
    offer_type: str = "unklar"  # db.codes.OFFER_TYPES; "unklar" when nothing says it
    occupation_name: str = ""
    kldb_code: str | None = None
    required_school: str = ""
    employer_name: str = ""
    employer_website: str = ""
    street: str = ""
    postcode: str = ""
    place: str = ""
    state: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    # True: lat/lon are the centre of the postcode or place (gazetteer), not from the record;
    # None lat/lon after enrichment: "Arbeitsort unbekannt" (no distance, no commute).
    place_approximate: bool = False
    working_time: str = ""
    fixed_term: bool | None = None
    start_date: date | None = None
    application_deadline: date | None = None
    positions: int = 1
    driving_licence: str = ""
    german_level: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    url: str = ""
    salary_text: str = ""
    description: str = ""
    published_at: datetime | None = None  # timezone-aware UTC
    modified_at: datetime | None = None  # timezone-aware UTC
    # Skills as the file names them (None: the file says nothing about skills); the import
    # turns them into vocabulary codes (importers.skills), None there keeps what is stored.
    required_skill_names: tuple[str, ...] | None = None
    nice_skill_names: tuple[str, ...] | None = None
    skills_required: str | None = None
    skills_nice: str | None = None
    # OFFER_FLAGS code -> what the file states; flags it does not mention keep their value.
    flags: dict[str, bool] | None = None


@dataclass(slots=True)
class ClientRecord:
    """One client from a spreadsheet; `line` is the line in the file (header = line 1)."""

    line: int
    customer_number: str
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    email: str = ""
    phone: str = ""
    street: str = ""
    home_postcode: str = ""
    home_place: str = ""
    school_qualification: str = ""
    occupations: tuple[str, ...] = ()  # KldB codes, first wish first
    max_commute_minutes: int = 45
    driving_licences: str = ""
    has_car: bool = False
    mobility_modes: str = "pt"
    willing_to_relocate: bool = False
    working_time: str = ""
    earliest_start: date | None = None
    german_level: str = ""


@dataclass
class ImportBatch:
    """What one file holds: records, references to deactivate, problems and hints."""

    format: str  # "ba-json", "csv", "xlsx", "hr-ba-xml"
    kind: str = "offers"  # "offers" or "clients"
    offers: list[OfferRecord] = field(default_factory=list)
    clients: list[ClientRecord] = field(default_factory=list)
    deletions: list[tuple[int, str]] = field(default_factory=list)  # (record number, reference)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    fields: frozenset[str] = frozenset(OFFER_FIELDS)
    # True: this file is the source's complete list, references missing from it are retired.
    # Only `--full`, an HR-BA-XML TypeOfLoad "F" or a saved Jobbörse query's re-fetch say so.
    full_load: bool = False
    total: int = 0  # records (rows) seen, good and bad
    schema_checked: bool | None = None  # HR-BA-XML: checked against the BA's XSD? (else None)

    @property
    def bad_lines(self) -> set[int]:
        return {error.line for error in self.errors}

    def apply_offer_type(self, offer_type: str) -> None:
        """The type of every offer that does not state one ("unklar"): what the query asked for
        (a Jobbörse fetch's angebotsart) or what the office says of the whole file (`--type`)."""
        for record in self.offers:
            if record.offer_type == "unklar":
                record.offer_type = offer_type
        self.fields = self.fields | {"offer_type"}
