"""Stable codes stored in the database and their German labels."""

from __future__ import annotations

OFFER_TYPES: dict[str, str] = {
    "ausbildung": "Ausbildung",
    "arbeit": "Arbeit",
    "duales_studium": "Duales Studium",
    "praktikum": "Praktikum / Einstiegsqualifizierung",
    # Nothing in the record, its title, the query or the import says which type the offer is;
    # matching treats it as either (Ausbildung or Arbeit).
    "unklar": "Art unklar",
}

MOBILITY_MODES: dict[str, str] = {
    "car": "Auto",
    "pt": "Bus und Bahn",
    "bike": "Fahrrad",
    "walk": "zu Fuß",
}

WORKING_TIMES: dict[str, str] = {
    "vollzeit": "Vollzeit",
    "teilzeit": "Teilzeit",
    "schicht": "Schicht",
    "minijob": "Minijob",
}

CLIENT_STATUSES: dict[str, str] = {
    "active": "aktiv",
    "placed": "vermittelt",
    "inactive": "inaktiv",
}

PROPOSAL_STATUSES: dict[str, str] = {
    "vorgeschlagen": "vorgeschlagen",
    "beworben": "beworben",
    "vorstellungsgespraech": "Vorstellungsgespräch",
    "zusage": "Zusage",
    "absage": "Absage",
    "zurueckgezogen": "zurückgezogen",
}

USER_ROLES: dict[str, str] = {
    "berater": "Berater:in",
    "teamleitung": "Teamleitung",
    "admin": "Admin",
}


def split_codes(text: str) -> tuple[str, ...]:
    """'car,pt' -> ('car', 'pt'); tolerant of spaces and empty parts."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def join_codes(codes: tuple[str, ...] | list[str]) -> str:
    """('car', 'pt', 'car') -> 'car,pt': order kept, duplicates dropped."""
    return ",".join(dict.fromkeys(c.strip() for c in codes if c.strip()))


# What the BA marks on an offer (migration 0009); stored comma-separated in `offer.flags`.
OFFER_FLAGS: dict[str, str] = {
    "lateral_entry": "für Quereinsteiger:innen geeignet",
    "refugees": "für Geflüchtete geeignet",
    "temp_agency": "Zeitarbeit",
    "private_agency": "private Arbeitsvermittlung",
    "disabled_only": "nur für schwerbehinderte Menschen",
}

# A client's wishes about such offers; stored comma-separated in `client.offer_preferences`.
# "severely_disabled" is health data (Art. 9 DSGVO): recorded only when the client asks for
# offers reserved for severely disabled people.
CLIENT_PREFERENCES: dict[str, str] = {
    "no_temp_agency": "keine Zeitarbeit / private Arbeitsvermittlung",
    "lateral_entry": "Quereinstieg gesucht",
    "refugee": "Angebote für Geflüchtete bevorzugen",
    "severely_disabled": "Schwerbehinderung anerkannt",
}
