"""Reader for HR-BA-XML JobPositionPosting files (the format employers send to the BA).

Parsed with defusedxml: no DTDs, no entities, no external references; the file size is limited
before parsing. `Data/JobPositionPosting` gives offers; `Data/DeleteEntry` (and Action 3) asks to
deactivate an offer. Header/TypeOfLoad "F" is a full load: offers missing from it are deactivated.
Skills: `CertificationQualifs/Certification/CertificationName` (free text, "Staplerschein") are
required skills; `SkillQualifs/HardSkill` and `Licences` name entries of the BA's competence
catalogue by number only (not published with the schema), so they cannot be mapped and are
skipped. `Handicap` 1 ("nur Schwerbehinderte/Gleichgestellte") sets the flag disabled_only.
When the file is checked against the BA's XSD (importers.hrbaxml_schema), every element keeps the
line it starts on (`sourceline`), so that each deviation can be named with its line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from srek_desk.db.codes import join_codes
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.hrbaxml_schema import SchemaChoice, check_against_schema
from srek_desk.importers.records import OfferRecord
from srek_desk.importers.values import (
    MAX_RECORDS,
    MAX_TEXT_CHARS,
    clean,
    german_count,
    offer_type_from_title,
    parse_date,
    parse_postcode,
    parse_timestamp,
)
from srek_desk.reference.qualifications import SCHOOL_LEVELS

ROOT = "HRBAXMLJobPositionPosting"
# HR-BA-XML nests about ten levels deep; far deeper is a broken or hostile file.
MAX_DEPTH = 100
# JobOfferType of the BA's XSD: Arbeitsplatz 1, Selbständigkeit 2, Ausbildungsplatz 4,
# Praktikum/Trainee 34, Fachkraft 36, Führungskraft 37, Helfer 38, Künstler 40.
_OFFER_TYPES = {
    "1": "arbeit",
    "2": "arbeit",
    "4": "ausbildung",
    "34": "praktikum",
    "36": "arbeit",
    "37": "arbeit",
    "38": "arbeit",
    "40": "arbeit",
}
_WORKING_PLAN = {
    "1": "vollzeit",
    "3": "schicht",
    "4": "schicht",
    "5": "schicht",
    "7": "teilzeit",
    "8": "teilzeit",
    "9": "teilzeit",
    "10": "teilzeit",
    "12": "schicht",
}
# VAM region codes of the German states (regionen_vam_code.csv).
_REGIONS = {
    "1": "BW", "2": "BY", "3": "BE", "4": "BB", "5": "HB", "6": "HH", "7": "HE", "8": "MV",
    "9": "NI", "10": "NW", "11": "RP", "12": "SL", "13": "SN", "14": "ST", "15": "SH", "16": "TH",
}  # fmt: skip
_SCHOOL_BY_EDU_DEGREE = {str(s.hrbaxml_code): s.code for s in SCHOOL_LEVELS if s.hrbaxml_code}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(element: Any, path: str) -> Any:
    """Child by a slash path of local names (namespaces ignored)."""
    current = element
    for part in path.split("/"):
        if current is None:
            return None
        current = next((c for c in current if _local(c.tag) == part), None)
    return current


def _text(element: Any, path: str) -> str:
    found = _find(element, path)
    return clean(found.text) if found is not None and found.text else ""


class _TooDeep(Exception):
    pass


class LinedElement(Element):
    """An element that knows the line its start tag is on (as lxml's do)."""

    __slots__ = ("sourceline",)

    sourceline: int


class _DepthLimitedBuilder(TreeBuilder):
    """Builds the tree like ElementTree's, but stops the parser at once beyond MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def start(self, tag: Any, attrs: Any) -> Any:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag: Any) -> Any:
        self._depth -= 1
        return super().end(tag)


class _LinedBuilder(_DepthLimitedBuilder):
    """The same with the line of each start tag (for the XSD check; costs about twice the
    parse time, so only used when a schema is checked)."""

    def __init__(self) -> None:
        TreeBuilder.__init__(self, element_factory=LinedElement)
        self._depth = 0
        self.line: Callable[[], int] = lambda: 0

    def start(self, tag: Any, attrs: Any) -> Any:
        element: LinedElement = super().start(tag, attrs)
        element.sourceline = self.line()
        return element


def parse_xml(data: bytes, name: str, *, lines: bool = False) -> Any:
    """The element tree of `data`, safely; `lines`: every element gets its `sourceline`."""
    try:
        builder = _LinedBuilder() if lines else _DepthLimitedBuilder()
        parser = DefusedXMLParser(
            target=builder,
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        if isinstance(builder, _LinedBuilder):
            expat = parser.parser  # defusedxml's parser is ElementTree's Python one, over expat
            builder.line = lambda: int(expat.CurrentLineNumber)
        parser.feed(data)
        return parser.close()
    except _TooDeep:
        raise ImportRefused(
            f"Die Datei {name} ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); "
            "ein HR-BA-XML-Stellenangebot hat etwa zehn."
        ) from None
    except DefusedXmlException as exc:
        raise ImportRefused(
            f"Die Datei {name} wurde aus Sicherheitsgründen abgelehnt: Sie enthält eine "
            f"Dokumenttyp-Definition oder Entitäten ({type(exc).__name__}). HR-BA-XML braucht "
            "beides nicht."
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ImportRefused(
            f"Die Datei {name} ist kein gültiges XML: Zeile {line}, Spalte {column + 1} "
            "(abgeschnitten oder fehlerhaft)."
        ) from None
    except (LookupError, ValueError) as exc:
        # e.g. an XML declaration naming an encoding Python does not know ("TF-8")
        raise ImportRefused(
            f"Die Datei {name} ist kein lesbares XML: Die Kopfzeile nennt eine unbekannte "
            f"Zeichenkodierung oder ist fehlerhaft ({exc})."
        ) from None


def read_hrbaxml(
    data: bytes, name: str, *, schema: SchemaChoice | None = None
) -> tuple[list[OfferRecord], list[tuple[int, str]], list[RowError], bool, int]:
    """(offers, deletions, errors, full load?, records seen).

    With a `schema` (importers.hrbaxml_schema.schema_for) the file is first checked against the
    BA's XSD: a file that breaks it is refused whole (SchemaRefused lists the deviations).
    """
    root = parse_xml(data, name, lines=schema is not None and schema.checked)
    if _local(root.tag) != ROOT:
        raise ImportRefused(
            f"Die Datei {name} ist XML, aber kein HR-BA-XML-Stellenangebot "
            f"(Wurzelelement „{_local(root.tag)}“ statt „{ROOT}“)."
        )
    if schema is not None:
        check_against_schema(root, schema, name)
    full_load = _text(root, "Header/TypeOfLoad").upper() == "F"
    data_element = _find(root, "Data")
    if data_element is None:
        raise ImportRefused(f"In der Datei {name} fehlt das Element „Data“.")
    offers: list[OfferRecord] = []
    deletions: list[tuple[int, str]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    number = 0
    for element in data_element:
        kind = _local(element.tag)
        if kind not in ("JobPositionPosting", "DeleteEntry"):
            continue
        number += 1
        if number > MAX_RECORDS:
            raise ImportRefused(
                f"Die Datei {name} enthält mehr als {german_count(MAX_RECORDS)} Einträge; "
                "bitte in kleinere Dateien aufteilen."
            )
        if kind == "DeleteEntry":
            reference = _text(element, "EntryId")
            if reference:
                deletions.append((number, reference))
            else:
                errors.append(
                    RowError(number, "EntryId", f"Löscheintrag {number}: „EntryId“ fehlt")
                )
            continue
        record, problems = _posting(number, element)
        if problems:
            errors += problems
            continue
        if record.reference in seen:
            errors.append(
                RowError(
                    number,
                    "JobPositionPostingId",
                    f"Stellenangebot {number}, „JobPositionPostingId“: {record.reference} steht "
                    f"schon in Stellenangebot {seen[record.reference]}",
                )
            )
            continue
        seen[record.reference] = number
        if _text(element, "PostDetail/Action") == "3":
            deletions.append((number, record.reference))
            continue
        offers.append(record)
    return offers, deletions, errors, full_load, number


def _posting(number: int, element: Any) -> tuple[OfferRecord, list[RowError]]:
    problems: list[RowError] = []
    reference = _text(element, "JobPositionPostingId")

    def problem(field: str, message: str) -> None:
        label = f"Stellenangebot {number}" + (f" ({reference})" if reference else "")
        problems.append(RowError(number, field, f"{label}, „{field}“: {message}"))

    info = _find(element, "JobPositionInformation")
    description = _find(info, "JobPositionDescription") if info is not None else None
    location = (
        _find(description, "JobPositionLocation/Location") if description is not None else None
    )
    org = _find(element, "HiringOrg")
    contact = _find(org, "Contact") if org is not None else None
    title = _text(info, "JobPositionTitleDescription") if info is not None else ""
    record = OfferRecord(
        line=number,
        reference=reference,
        title=title,
        occupation_name=title,
        offer_type=_OFFER_TYPES.get(_text(info, "JobOfferType") if info is not None else "")
        or offer_type_from_title(title)
        or "unklar",
        employer_name=_text(org, "HiringOrgName") if org is not None else "",
        employer_website=_text(org, "ProfileWebSite") if org is not None else "",
        description=_text(info, "Objective") if info is not None else "",
        url=_text(element, "PostDetail/InternetReference"),
    )
    if not reference:
        problem("JobPositionPostingId", "die Referenznummer fehlt")
    elif len(reference) > 80:
        problem("JobPositionPostingId", "die Referenznummer ist länger als 80 Zeichen")
    if not title:
        problem("JobPositionTitleDescription", "der Titel des Stellenangebots fehlt")
    if len(record.description) > MAX_TEXT_CHARS:
        problem("Objective", f"der Text ist länger als {german_count(MAX_TEXT_CHARS)} Zeichen")
    if contact is not None:
        record.contact_name = " ".join(
            p
            for p in (_text(contact, n) for n in ("Title", "GivenName", "NamePrefix", "FamilyName"))
            if p
        )
        record.contact_email = _text(contact, "EMail")
        phone = _find(contact, "VoiceNumber")
        if phone is not None:
            record.contact_phone = " ".join(
                p for p in (_text(phone, "AreaCode"), _text(phone, "TelNumber")) if p
            )
    if location is not None:
        record.street = _text(location, "StreetName")
        record.place = _text(location, "Municipality")
        record.state = _REGIONS.get(_text(location, "Region"), "")
        record.country = _text(location, "CountryCode")
        try:
            if record.country in ("", "DE"):
                record.postcode = parse_postcode(_text(location, "PostalCode"))
        except ValueError as exc:
            problem("PostalCode", str(exc))
    if description is not None:
        schedule = _find(description, "Classification/Schedule")
        plans = [
            _WORKING_PLAN.get(clean(p.text), "")
            for p in (list(schedule) if schedule is not None else [])
            if _local(p.tag) == "WorkingPlan"
        ]
        if _text(description, "MiniJob") == "1":
            plans.append("minijob")
        record.working_time = join_codes(plans)
        term = _text(description, "Classification/Duration/TemporaryOrRegular")
        record.fixed_term = True if term == "1" else False if term == "2" else None
        record.salary_text = _text(description, "CompensationDescription/Salary")[:200]
    school = (
        _text(info, "JobPositionRequirements/QualificationsRequired/EducationQualifs/EduDegree")
        if info is not None
        else ""
    )
    record.required_school = _SCHOOL_BY_EDU_DEGREE.get(school, "")
    requirements = _find(info, "JobPositionRequirements") if info is not None else None
    if requirements is not None:
        certificates = _find(requirements, "QualificationsRequired/CertificationQualifs")
        if certificates is not None:
            record.required_skill_names = tuple(
                dict.fromkeys(
                    name
                    for name in (_text(c, "CertificationName")[:200] for c in certificates)
                    if name
                )
            )
        handicap = _text(requirements, "Handicap")
        if handicap in ("1", "2"):
            record.flags = {"disabled_only": handicap == "1"}
    fields = (
        ("AssignmentStartDate", "JobPositionInformation/AssignmentStartDate", "start_date"),
        ("ApplicationEndDate", "JobPositionInformation/JobPositionDescription/Application/ApplicationEndDate", "application_deadline"),
        ("StartDate", "PostDetail/StartDate", "published_at"),
        ("LastModificationDate", "PostDetail/LastModificationDate", "modified_at"),
    )  # fmt: skip
    for label, path, attribute in fields:
        try:
            value = _text(element, path)
            parsed = parse_timestamp(value) if attribute.endswith("_at") else parse_date(value)
            setattr(record, attribute, parsed)
        except ValueError as exc:
            problem(label, str(exc))
    positions = _text(info, "NumberToFill") if info is not None else ""
    # isascii: str.isdigit() also accepts "²", which int() refuses
    sensible = positions.isascii() and positions.isdigit() and len(positions) <= 4
    record.positions = int(positions) if sensible and int(positions) > 0 else 1
    return record, problems
