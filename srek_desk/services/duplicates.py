"""Does a client look like one already stored? Same name and birth date, or close spellings.

"Yildiz" and "Yıldız", "Müller" and "Mueller", "Özdemir" and "Oezdemir" compare equal after
`name_key`; close spellings (one typo) count when the birth date agrees.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlalchemy.orm import Session

from srek_desk.db.models import Client

# Letters NFKD does not take apart: dotless i, ß, ø, æ, œ, ł, đ, þ.
_FOLD = str.maketrans(
    {"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"}
)
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def name_key(name: str) -> str:
    """Spelling-neutral form of a name: case, accents, umlaut spellings and spacing removed."""
    text = name.casefold().translate(_UMLAUT).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    client_id: int
    first_name: str
    last_name: str
    birth_date: date | None
    customer_number: str | None
    reason: str  # German, e.g. "gleicher Name und Geburtsdatum"


def similar_clients(
    session: Session,
    first_name: str,
    last_name: str,
    birth_date: date | None,
    *,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Stored clients that may be the same person (anonymised ones never count)."""
    last_key, first_key = name_key(last_name), name_key(first_name)
    if not last_key:
        return []
    query = select(
        Client.id, Client.first_name, Client.last_name, Client.birth_date, Client.customer_number
    ).where(Client.anonymised_at.is_(None))
    if birth_date is not None:
        query = query.where((Client.birth_date == birth_date) | Client.birth_date.is_(None))
    found: list[DuplicateCandidate] = []
    for client_id, first, last, born, number in session.execute(query):
        if client_id == exclude_id:
            continue
        same_last = name_key(last) == last_key
        same_first = name_key(first) == first_key
        close = (
            Levenshtein.distance(name_key(last) + " " + name_key(first), last_key + " " + first_key)
            <= 1
        )
        if born is not None and born == birth_date and ((same_last and same_first) or close):
            reason = (
                "gleicher Name und Geburtsdatum"
                if same_last and same_first
                else ("ähnlicher Name, gleiches Geburtsdatum")
            )
        elif same_last and same_first and (born is None or birth_date is None):
            reason = "gleicher Name"
        else:
            continue
        found.append(DuplicateCandidate(client_id, first, last, born, number, reason))
    return found
