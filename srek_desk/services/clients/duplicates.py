"""Does a client look like one already stored? Same name and birth date, or close spellings.

Names are compared after `name_key` ("Yildiz"/"Yıldız", "Müller"/"Mueller", "Özdemir"/"Oezdemir",
accents, "Meyer-Schmidt"/"Meyer Schmidt" compare equal). Rules, for a new record and a stored one:
- both birth dates given and different: never the same person;
- same birth date: same name, first and last name swapped, a double name against one of its
  parts ("Meyer-Schmidt"/"Meyer"), or one typo (a letter added, missing, changed or two letters
  swapped) in a name of at least four letters — but "Daniel"/"Daniela" (twins) is no typo;
- a birth date missing on one side (or both): same name, or first and last name swapped.

Speed: SQL narrows the stored clients to those born that day plus, for the name-only rules, those
whose last name starts with a letter that folds to the first letter of the new last or first name
("Ö", "O", "Ø" all fold to "o"); `DuplicateIndex` compares the few left in Python. An import
loads the index once and checks every row against it and against the rows before it.

Access: `similar_clients` sees every client (import, handover, command line). `DuplicateService`
acts for a user: details only of clients they may see; the others only as a count, which the
editor turns into a neutral hint to ask Teamleitung (no name, no date, no number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from rapidfuzz.distance import OSA
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from srek_desk.db.models import Client
from srek_desk.services.core.access import SYSTEM, Actor, client_scope
from srek_desk.services.core.database import Database

# Letters NFKD does not take apart: dotless i, ß, ø, æ, œ, ł, đ, þ.
_FOLD = str.maketrans(
    {"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"}
)
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_PARTS = re.compile(r"[\s\-‐‑–—_/]+")
MIN_TYPO_LENGTH = 4  # "Lea"/"Leo" are two people, "Schmidt"/"Schmitt" may be one

SAME_NAME_AND_BIRTH = "gleicher Name und Geburtsdatum"
SAME_NAME_OTHER_SPELLING = "gleicher Name in anderer Schreibweise, gleiches Geburtsdatum"
SWAPPED_WITH_BIRTH = "Vor- und Nachname vertauscht, gleiches Geburtsdatum"
DOUBLE_NAME = "Doppelname und Teil davon, gleiches Geburtsdatum"
TYPO = "ähnliche Schreibweise (ein Buchstabe), gleiches Geburtsdatum"
SAME_NAME_NO_BIRTH = "gleicher Name, Geburtsdatum fehlt"
SWAPPED_NO_BIRTH = "Vor- und Nachname vertauscht, Geburtsdatum fehlt"
# Strongest first: candidates are listed in this order.
REASONS = (
    SAME_NAME_AND_BIRTH,
    SAME_NAME_OTHER_SPELLING,
    SWAPPED_WITH_BIRTH,
    DOUBLE_NAME,
    TYPO,
    SAME_NAME_NO_BIRTH,
    SWAPPED_NO_BIRTH,
)


def name_key(name: str) -> str:
    """Spelling-neutral form of a name: case, accents, umlaut spellings and spacing removed."""
    text = name.casefold().translate(_UMLAUT).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _initial_letters() -> dict[str, tuple[str, ...]]:
    """First letter of a key → every letter a stored name may start with to give that key."""
    table: dict[str, set[str]] = {}
    for code in range(0x41, 0x250):  # Basic Latin to Latin Extended-B
        letter = chr(code)
        key = name_key(letter) if letter.isalpha() else ""
        if key:
            table.setdefault(key[0], set()).add(letter)
    # Names may start with an apostrophe or a space ("'t Hooft"): always look at those too.
    leaders = {"'", "’", "`", "´", " ", "-"}
    return {first: tuple(sorted(letters | leaders)) for first, letters in table.items()}


_INITIALS = _initial_letters()


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    client_id: int
    first_name: str
    last_name: str
    birth_date: date | None
    customer_number: str | None
    reason: str  # German, e.g. "gleicher Name und Geburtsdatum"


def candidate_of(row: Sequence[Any], reason: str = "") -> DuplicateCandidate:
    """A candidate from a row (id, first name, last name, birth date, Kundennummer)."""
    return DuplicateCandidate(row[0], row[1], row[2], row[3], row[4], reason)


CANDIDATE_COLUMNS = (
    Client.id,
    Client.first_name,
    Client.last_name,
    Client.birth_date,
    Client.customer_number,
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name ready to compare: keys, the parts of double names, the spelling as typed."""

    first: str
    last: str
    first_parts: frozenset[str]
    last_parts: frozenset[str]
    spelled: tuple[str, str]
    birth: date | None

    @classmethod
    def of(cls, first_name: str, last_name: str, birth_date: date | None) -> PersonName:
        return cls(
            first=name_key(first_name),
            last=name_key(last_name),
            first_parts=_parts(first_name),
            last_parts=_parts(last_name),
            spelled=(
                " ".join(first_name.casefold().split()),
                " ".join(last_name.casefold().split()),
            ),
            birth=birth_date,
        )


def _parts(name: str) -> frozenset[str]:
    return frozenset(key for key in (name_key(p) for p in _PARTS.split(name)) if key)


def _part_of(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name is a proper part of the other ("Meyer" of "Meyer-Schmidt")."""
    return bool(a) and bool(b) and a != b and (a < b or b < a)


def _one_typo(a: str, b: str, *, first_name: bool) -> bool:
    if a == b or min(len(a), len(b)) < MIN_TYPO_LENGTH:
        return False
    if first_name:  # "Daniel"/"Daniela", "Christian"/"Christiane": twins, not a typo
        short, long = sorted((a, b), key=len)
        if long[:-1] == short and long[-1] in "ae":
            return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def compare(new: PersonName, stored: PersonName) -> str | None:
    """Why `stored` may be the person `new` describes (German), or None."""
    if not new.last or not stored.last:
        return None
    same_name = new.last == stored.last and new.first == stored.first
    swapped = new.last == stored.first and new.first == stored.last and new.first != new.last
    if new.birth is None or stored.birth is None:
        if same_name:
            return SAME_NAME_NO_BIRTH
        return SWAPPED_NO_BIRTH if swapped else None
    if new.birth != stored.birth:
        return None
    if same_name:
        return SAME_NAME_AND_BIRTH if new.spelled == stored.spelled else SAME_NAME_OTHER_SPELLING
    if swapped:
        return SWAPPED_WITH_BIRTH
    if (new.first == stored.first and _part_of(new.last_parts, stored.last_parts)) or (
        new.last == stored.last and _part_of(new.first_parts, stored.first_parts)
    ):
        return DOUBLE_NAME
    if (new.first == stored.first and _one_typo(new.last, stored.last, first_name=False)) or (
        new.last == stored.last and _one_typo(new.first, stored.first, first_name=True)
    ):
        return TYPO
    return None


T = TypeVar("T")


class DuplicateIndex(Generic[T]):
    """People by birth date and by name key: `find` compares only the few that can match."""

    def __init__(self) -> None:
        self._born: dict[date, list[tuple[PersonName, T]]] = {}
        self._named: dict[tuple[str, str], list[tuple[PersonName, T]]] = {}

    def add(self, first_name: str, last_name: str, birth_date: date | None, item: T) -> None:
        name = PersonName.of(first_name, last_name, birth_date)
        if not name.last:
            return
        entry = (name, item)
        if birth_date is not None:
            self._born.setdefault(birth_date, []).append(entry)
        self._named.setdefault((name.last, name.first), []).append(entry)

    def find(self, first_name: str, last_name: str, birth_date: date | None) -> list[tuple[T, str]]:
        """(item, reason) of every entry that may be this person, strongest reason first."""
        name = PersonName.of(first_name, last_name, birth_date)
        if not name.last:
            return []
        found = [
            (item, reason)
            for stored, item in self._pool(name)
            if (reason := compare(name, stored)) is not None
        ]
        found.sort(key=lambda pair: REASONS.index(pair[1]))
        return found

    def _pool(self, name: PersonName) -> Iterator[tuple[PersonName, T]]:
        if name.birth is not None:
            yield from self._born.get(name.birth, ())
        for key in dict.fromkeys(((name.last, name.first), (name.first, name.last))):
            for entry in self._named.get(key, ()):
                # With a birth date, entries born (on any day) were looked at above or differ.
                if name.birth is None or entry[0].birth is None:
                    yield entry


def _letters(key: str) -> list[str]:
    return sorted(_INITIALS.get(key[0], (key[0], key[0].upper())))


def _prefilter(name: PersonName, birth_date: date | None) -> Any:
    """SQL condition keeping every stored client `compare` could match, and few others.

    The name-only rules need the same keys (or swapped ones), so the stored first letters must
    fold to the new ones: last name with last name and first with first, or crosswise.
    """
    last_initial = func.substr(Client.last_name, 1, 1)
    by_name: Any
    if name.first:
        first_initial = func.substr(Client.first_name, 1, 1)
        same = last_initial.in_(_letters(name.last)) & first_initial.in_(_letters(name.first))
        swapped = last_initial.in_(_letters(name.first)) & first_initial.in_(_letters(name.last))
        by_name = same | swapped
    else:
        by_name = last_initial.in_(_letters(name.last))
    if birth_date is None:
        return by_name
    return (Client.birth_date == birth_date) | (Client.birth_date.is_(None) & by_name)  # type: ignore[union-attr]


def similar_clients(
    session: Session,
    first_name: str,
    last_name: str,
    birth_date: date | None,
    *,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Stored clients that may be the same person (anonymised ones never count)."""
    name = PersonName.of(first_name, last_name, birth_date)
    if not name.last:
        return []
    query = select(*CANDIDATE_COLUMNS).where(
        Client.anonymised_at.is_(None),  # type: ignore[union-attr]
        _prefilter(name, birth_date),
    )
    if exclude_id is not None:
        query = query.where(Client.id != exclude_id)
    index: DuplicateIndex[DuplicateCandidate] = DuplicateIndex()
    for row in session.execute(query):
        index.add(row[1], row[2], row[3], candidate_of(row))
    return [
        replace(candidate, reason=reason)
        for candidate, reason in index.find(first_name, last_name, birth_date)
    ]


def candidate_label(candidate: DuplicateCandidate) -> str:
    """ "Yıldız, Ayşe (geb. 03.02.2005, Kd.-Nr. K-7)" for reports that may name the client."""
    name = ", ".join(p for p in (candidate.last_name, candidate.first_name) if p.strip())
    extras = []
    if candidate.birth_date is not None:
        extras.append(f"geb. {candidate.birth_date:%d.%m.%Y}")
    if candidate.customer_number:
        extras.append(f"Kd.-Nr. {candidate.customer_number}")
    return name + (f" ({', '.join(extras)})" if extras else "")


@dataclass(frozen=True, slots=True)
class DuplicateCheck:
    """What a user may learn: candidates they may see, and how many others exist."""

    visible: tuple[DuplicateCandidate, ...]
    hidden: int = 0

    @property
    def found(self) -> bool:
        return bool(self.visible) or self.hidden > 0


HIDDEN_HINT = (
    "Es gibt einen ähnlichen Datensatz, den Sie nicht einsehen können (vermutlich im Bestand "
    "einer Kollegin oder eines Kollegen). Bitte klären Sie mit der Teamleitung, ob es dieselbe "
    "Person ist."
)


class DuplicateService:
    """Duplicate checks on behalf of `actor`: other counsellors' clients stay undisclosed."""

    def __init__(self, database: Database, actor: Actor = SYSTEM) -> None:
        self.database = database
        self.actor = actor

    def check(
        self,
        first_name: str,
        last_name: str,
        birth_date: date | None,
        *,
        exclude_id: int | None = None,
    ) -> DuplicateCheck:
        with self.database.session() as session:
            found = similar_clients(
                session, first_name, last_name, birth_date, exclude_id=exclude_id
            )
            if not found:
                return DuplicateCheck(())
            allowed = set(
                session.execute(
                    select(Client.id).where(
                        Client.id.in_([c.client_id for c in found]),  # type: ignore[union-attr]
                        client_scope(self.actor),
                    )
                ).scalars()
            )
        visible = tuple(c for c in found if c.client_id in allowed)
        return DuplicateCheck(visible, len(found) - len(visible))

    def check_client(self, client_id: int) -> DuplicateCheck:
        """Candidates for a stored client (the merge dialog's list)."""
        with self.database.session() as session:
            row = session.execute(
                select(Client.first_name, Client.last_name, Client.birth_date).where(
                    Client.id == client_id
                )
            ).one_or_none()
        if row is None:
            return DuplicateCheck(())
        return self.check(row[0], row[1], row[2], exclude_id=client_id)

    def pairs(self) -> list[tuple[DuplicateCandidate, DuplicateCandidate]]:
        """Every pair of visible clients that may be one person (the older record first)."""
        query = select(*CANDIDATE_COLUMNS).where(client_scope(self.actor)).order_by(Client.id)
        index: DuplicateIndex[DuplicateCandidate] = DuplicateIndex()
        found: list[tuple[DuplicateCandidate, DuplicateCandidate]] = []
        with self.database.session() as session:
            rows = session.execute(query).all()
        for row in rows:
            later = candidate_of(row)
            for earlier, reason in index.find(row[1], row[2], row[3]):
                found.append((replace(earlier, reason=reason), replace(later, reason=reason)))
            index.add(row[1], row[2], row[3], later)
        return found
