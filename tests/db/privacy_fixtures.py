"""Shared helpers for the data protection tests: a cheap password hasher and sample clients."""

from __future__ import annotations

from datetime import date

from argon2 import PasswordHasher

from srek_desk.services.clients.values import ClientInput

PASSWORD = "Werra-Fulda-2026"


def fast_hasher() -> PasswordHasher:
    """argon2id with tiny costs: same code path, milliseconds instead of ~50 ms per hash."""
    return PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def person(first: str, last: str, number: str, **changes: object) -> ClientInput:
    values: dict[str, object] = {
        "customer_number": number,
        "first_name": first,
        "last_name": last,
        "birth_date": date(2008, 3, 14),
        "email": f"{first.lower()}@example.org",
        "phone": "0551 5550123",
        "street": "Beispielweg 7",
        "home_postcode": "37073",
        "school_qualification": "mittlere_reife",
        "mobility_modes": ("pt",),
        "max_commute_minutes": 45,
        "working_time": ("vollzeit",),
        "consent_given": True,
        "consent_date": date(2026, 11, 1),
        "wishes": (("26112", 1),),
        "languages": (("de", "C1"),),
    }
    values.update(changes)
    return ClientInput(**values)  # type: ignore[arg-type]
