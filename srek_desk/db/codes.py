"""Stable codes stored in the database and their German labels."""

from __future__ import annotations

OFFER_TYPES: dict[str, str] = {
    "ausbildung": "Ausbildung",
    "arbeit": "Arbeit",
    "duales_studium": "Duales Studium",
    "praktikum": "Praktikum / Einstiegsqualifizierung",
}

MOBILITY_MODES: dict[str, str] = {
    "car": "Auto",
    "pt": "Bus und Bahn",
    "bike": "Fahrrad",
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
