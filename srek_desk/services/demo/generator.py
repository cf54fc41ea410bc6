"""Demo data: fictitious clients, employers and offers spread over the real places of the region.

Deterministic for a seed. People carry Kundennummern "DEMO-…" and addresses at example.org;
employers are called "Muster…"/"Beispiel…", so nobody mistakes them for real records.
Rows go in through SQLAlchemy Core in batches: 100,000 offers take a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    Employer,
    FollowUp,
    Offer,
    Proposal,
)
from srek_desk.db.repositories import reserve_ids
from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import Place
from srek_desk.services.core.database import Database
from srek_desk.services.demo import vocabulary as vocab
from srek_desk.services.demo.depth import client_depth, depth_rng, offer_depth

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Centre of the region (Kassel) and how far offers and clients spread.
REGION_CENTRE = (51.3127, 9.4797)
REGION_RADIUS_KM = 95.0
CLIENT_RADIUS_KM = 55.0
DEMO_SOURCE = "demo"
BATCH = 5000


@dataclass
class DemoResult:
    offers: int = 0
    clients: int = 0
    employers: int = 0
    seconds: float = 0.0
    extras: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Town:
    place: Place
    weight: float


def _towns(reference: ReferenceData, radius_km: float) -> list[_Town]:
    """One entry per postcode in reach; towns with many postcodes weigh more (they are bigger)."""
    places: list[Place] = []
    postcodes_per_name: dict[str, int] = {}
    for postcode in reference.gazetteer.postcodes():
        place = reference.gazetteer.place_for_postcode(postcode)
        if place is None:
            continue
        if haversine_km(REGION_CENTRE[0], REGION_CENTRE[1], place.lat, place.lon) > radius_km:
            continue
        places.append(place)
        postcodes_per_name[place.name] = postcodes_per_name.get(place.name, 0) + 1
    places.sort(key=lambda p: p.postcode)
    return [_Town(p, 1.0 + 0.6 * (postcodes_per_name[p.name] - 1)) for p in places]


def _occupation_pool(reference: ReferenceData) -> list[tuple[str, str, bool, float]]:
    """(code, name, is_ausbildung, weight) for the occupations the demo uses."""
    pool = []
    for occupation in sorted(reference.occupations, key=lambda o: o.code):
        weight = vocab.SECTOR_WEIGHTS.get(occupation.code[:2], 0.3)
        pool.append((occupation.code, occupation.name, occupation.is_ausbildung, weight))
    if not pool:
        raise UserError(
            "Keine Berufe in den Referenzdaten: Demo-Daten können nicht erzeugt werden."
        )
    return pool


def _weighted(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    return rng.choices(items, weights=weights, k=k)


class DemoGenerator:
    def __init__(self, database: Database, reference: ReferenceData, *, today: date | None = None):
        self.database = database
        self.reference = reference
        self.today = today or date.today()

    def generate(
        self,
        *,
        offers: int,
        clients: int,
        seed: int = 1,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> DemoResult:
        """Create the demo set in one transaction; cancelling leaves the database unchanged."""
        if offers < 0 or clients < 0:
            raise UserError("Die Anzahl der Angebote und Klient:innen darf nicht negativ sein.")
        started = datetime.now()
        rng = random.Random(seed)
        depth = depth_rng(seed)  # skills, flags, "Stand": without disturbing `rng`
        towns = _towns(self.reference, REGION_RADIUS_KM)
        near_towns = [
            t
            for t in towns
            if haversine_km(*REGION_CENTRE, t.place.lat, t.place.lon) <= CLIENT_RADIUS_KM
        ]
        occupations = _occupation_pool(self.reference)
        employers = max(1, offers // 8) if offers else 0
        total = employers + offers + clients
        done = 0
        result = DemoResult()

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total)
            if cancelled and cancelled():
                raise _Cancelled

        try:
            with self.database.engine.begin() as conn:
                prefix = f"DEMO{seed}-"
                exists = seed_in_use(conn, seed)
                if exists:
                    raise UserError(
                        f"Demo-Daten mit dem Startwert {seed} sind schon in der Datenbank. "
                        "Bitte einen anderen Startwert (--seed) wählen."
                    )
                employer_ids = self._employers(conn, rng, towns, occupations, employers, step)
                offer_ids = self._offers(
                    conn, (rng, depth), towns, occupations, employer_ids, offers, prefix, step
                )
                self._clients(
                    conn,
                    (rng, depth),
                    near_towns or towns,
                    occupations,
                    offer_ids,
                    clients,
                    prefix,
                    step,
                    result,
                )
        except _Cancelled:
            raise UserError(
                "Erzeugen der Demo-Daten abgebrochen; die Datenbank ist unverändert."
            ) from None
        result.offers, result.clients, result.employers = offers, clients, employers
        result.seconds = (datetime.now() - started).total_seconds()
        return result

    # -- employers ---------------------------------------------------------------------------
    def _employers(
        self,
        conn: Any,
        rng: random.Random,
        towns: list[_Town],
        occupations: list[Any],
        count: int,
        step: Callable[[int], None],
    ) -> list[tuple[int, _Town, str]]:
        chosen = _weighted(rng, towns, [t.weight for t in towns], count)
        new_ids = reserve_ids(conn, Employer.id, len(chosen))
        now = datetime.now(UTC).replace(microsecond=0)
        rows: list[dict[str, Any]] = []
        result: list[tuple[int, _Town, str]] = []
        for index, town in enumerate(chosen):
            employer_id = new_ids[index]
            sector_code = _weighted(rng, occupations, [o[3] for o in occupations], 1)[0][0][:2]
            sector = vocab.SECTOR_WORDS.get(sector_code, "Dienstleistungen")
            name = f"{rng.choice(vocab.EMPLOYER_PREFIXES)} {rng.choice(vocab.EMPLOYER_STEMS)} {sector} {rng.choice(vocab.LEGAL_FORMS)}"
            slug = f"muster-{employer_id}"
            rows.append(
                dict(
                    id=employer_id,
                    name=name,
                    street=f"{rng.choice(vocab.STREETS)} {rng.randint(1, 120)}",
                    postcode=town.place.postcode,
                    place=town.place.name,
                    state=town.place.state,
                    contact_name=f"{rng.choice(vocab.TITLES)} {rng.choice(vocab.LAST_NAMES)}",
                    phone=f"0{rng.randint(200, 999)} 555{rng.randint(1000, 9999)}",
                    email=f"bewerbung@{slug}.example.org",
                    website=f"https://{slug}.example.org",
                    notes="",
                    created_at=now,
                    updated_at=now,
                )
            )
            result.append((employer_id, town, sector_code))
            if len(rows) >= BATCH:
                conn.execute(insert(Employer), rows)
                step(len(rows))
                rows = []
        if rows:
            conn.execute(insert(Employer), rows)
            step(len(rows))
        return result

    # -- offers ------------------------------------------------------------------------------
    def _offers(
        self,
        conn: Any,
        rngs: tuple[random.Random, random.Random],
        towns: list[_Town],
        occupations: list[Any],
        employers: list[tuple[int, _Town, str]],
        count: int,
        prefix: str,
        step: Callable[[int], None],
    ) -> list[tuple[int, str, str]]:
        if not count:
            return []
        rng, depth_random = rngs
        new_ids = reserve_ids(conn, Offer.id, count)
        by_sector: dict[str, list[tuple[str, str, bool, float]]] = {}
        for occ in occupations:
            by_sector.setdefault(occ[0][:2], []).append(occ)
        now = datetime.now(UTC).replace(microsecond=0)
        rows: list[dict[str, Any]] = []
        ids: list[tuple[int, str, str]] = []
        for index in range(count):
            employer_id, town, sector = employers[rng.randrange(len(employers))]
            candidates = by_sector.get(sector) or occupations
            code, name, is_ausbildung, _ = rng.choice(candidates)
            level = int(code[4])
            offer_type = self._offer_type(rng, is_ausbildung, level)
            title = vocab.title_for(offer_type, name, rng)
            start = self._start_date(rng, offer_type)
            deadline = start - timedelta(days=rng.randint(14, 120)) if rng.random() < 0.75 else None
            if deadline is not None and deadline < self.today:
                deadline = self.today + timedelta(days=rng.randint(3, 60))
            if deadline is not None and deadline > start:
                deadline = start if start > self.today else None
            published = now - timedelta(days=rng.randint(0, 90))
            depth = offer_depth(depth_random, code[:2], offer_type, published, now)
            offer_id = new_ids[index]
            rows.append(
                dict(
                    id=offer_id,
                    source=DEMO_SOURCE,
                    reference=f"{prefix}{index + 1:06d}",
                    offer_type=offer_type,
                    title=title,
                    occupation_name=name,
                    kldb_code=code,
                    required_level=level,
                    required_school=vocab.school_for(offer_type, level, rng),
                    employer_id=employer_id,
                    employer_name=None,
                    street="",
                    postcode=town.place.postcode,
                    place=town.place.name,
                    state=town.place.state,
                    lat=town.place.lat,
                    lon=town.place.lon,
                    working_time=vocab.working_time_for(offer_type, rng),
                    fixed_term=(offer_type == "praktikum") or rng.random() < 0.15,
                    start_date=start,
                    application_deadline=deadline,
                    positions=rng.choice((1, 1, 1, 2, 2, 3, 5)),
                    driving_licence="B" if rng.random() < 0.12 and offer_type == "arbeit" else "",
                    german_level=rng.choice(("", "", "B1", "B2"))
                    if offer_type != "ausbildung"
                    else rng.choice(("", "B1", "B2")),
                    contact_name=f"{rng.choice(vocab.TITLES)} {rng.choice(vocab.LAST_NAMES)}",
                    contact_phone=f"0{rng.randint(200, 999)} 555{rng.randint(1000, 9999)}",
                    contact_email=f"bewerbung@muster-{employer_id}.example.org",
                    url=f"https://muster-{employer_id}.example.org/stellen/{index + 1}",
                    salary_text=vocab.salary_for(offer_type, level, rng),
                    description=vocab.description_for(offer_type, name, town.place.name),
                    published_at=published,
                    modified_at=published,
                    active=True,
                    created_at=now,
                    updated_at=now,
                    skills_required=depth.skills_required,
                    skills_nice=depth.skills_nice,
                    flags=depth.flags,
                    confirmed_at=depth.confirmed_at,
                )
            )
            ids.append((offer_id, code, town.place.state))
            if len(rows) >= BATCH:
                self._insert_offers(conn, rows)
                step(len(rows))
                rows = []
        if rows:
            self._insert_offers(conn, rows)
            step(len(rows))
        return ids

    @staticmethod
    def _insert_offers(conn: Any, rows: list[dict[str, Any]]) -> None:
        # The employer's name is denormalised into the offer for listing and matching speed.
        names = dict(
            conn.execute(
                select(Employer.id, Employer.name).where(
                    Employer.id.in_({r["employer_id"] for r in rows})
                )
            ).all()
        )  # type: ignore[union-attr]
        for row in rows:
            row["employer_name"] = names[row["employer_id"]]
        conn.execute(insert(Offer), rows)

    @staticmethod
    def _offer_type(rng: random.Random, is_ausbildung: bool, level: int) -> str:
        if is_ausbildung:
            roll = rng.random()
            return "ausbildung" if roll < 0.62 else ("praktikum" if roll < 0.70 else "arbeit")
        if level >= 3 and rng.random() < 0.25:
            return "duales_studium"
        return "arbeit"

    def _start_date(self, rng: random.Random, offer_type: str) -> date:
        if offer_type in ("ausbildung", "duales_studium"):
            year = self.today.year + (1 if self.today.month >= 8 else 0) + (rng.random() < 0.2)
            return date(year, 8 if rng.random() < 0.8 else 9, 1)
        return self.today + timedelta(days=rng.randint(0, 180))

    # -- clients -----------------------------------------------------------------------------
    def _clients(
        self,
        conn: Any,
        rngs: tuple[random.Random, random.Random],
        towns: list[_Town],
        occupations: list[Any],
        offers: list[tuple[int, str, str]],
        count: int,
        prefix: str,
        step: Callable[[int], None],
        result: DemoResult,
    ) -> None:
        if not count:
            return
        rng, depth_random = rngs
        new_ids = reserve_ids(conn, Client.id, count)
        weights = [t.weight for t in towns]
        occ_weights = [o[3] for o in occupations]
        now = datetime.now(UTC).replace(microsecond=0)
        clients, wishes, languages, notes, follow_ups, proposals = [], [], [], [], [], []
        for index in range(count):
            client_id = new_ids[index]
            profile = vocab.client_profile(rng, self.today)
            town = _weighted(rng, towns, weights, 1)[0]
            has_licence = profile.age >= 18 and rng.random() < 0.62
            has_car = has_licence and rng.random() < 0.6
            modes = (
                ["pt"] + (["car"] if has_car else []) + (["bike"] if rng.random() < 0.35 else [])
            )
            clients.append(
                dict(
                    id=client_id,
                    customer_number=f"{prefix}{index + 1:06d}",
                    first_name=profile.first_name,
                    last_name=profile.last_name,
                    birth_date=profile.birth_date,
                    email=f"person{index + 1}@example.org",
                    phone="",
                    street=f"{rng.choice(vocab.STREETS)} {rng.randint(1, 80)}",
                    home_postcode=town.place.postcode,
                    home_place=town.place.name,
                    school_qualification=profile.school,
                    vocational_qualification=profile.vocational,
                    driving_licences="B" if has_licence else "",
                    has_car=has_car,
                    mobility_modes=",".join(modes),
                    max_commute_minutes=rng.choice((30, 40, 45, 45, 60, 60, 75)),
                    willing_to_relocate=rng.random() < 0.1,
                    working_time=rng.choice(
                        ("vollzeit", "vollzeit", "vollzeit", "teilzeit", "vollzeit,teilzeit")
                    ),
                    earliest_start=self.today + timedelta(days=rng.randint(0, 270)),
                    consent_given=True,
                    consent_date=self.today - timedelta(days=rng.randint(0, 400)),
                    status=rng.choices(("active", "placed", "inactive"), weights=(85, 10, 5))[0],
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
            seen: list[str] = []
            for priority in range(1, rng.choice((1, 1, 2, 2, 3)) + 1):
                code = _weighted(rng, occupations, occ_weights, 1)[0][0]
                if code not in seen:
                    seen.append(code)
                    wishes.append(dict(client_id=client_id, kldb_code=code, priority=priority))
            german = next((level for language, level in profile.languages if language == "de"), "")
            clients[-1]["skills"], clients[-1]["offer_preferences"] = client_depth(
                depth_random, [c[:2] for c in seen], profile.age, german
            )
            for language, level in profile.languages:
                languages.append(dict(client_id=client_id, language=language, cefr_level=level))
            if rng.random() < 0.3:
                notes.append(
                    dict(
                        client_id=client_id,
                        author_id=None,
                        created_at=now,
                        text=rng.choice(vocab.NOTE_TEXTS),
                    )
                )
            if rng.random() < 0.15:
                due = self.today + timedelta(days=rng.randint(-3, 21))
                follow_ups.append(
                    dict(
                        client_id=client_id,
                        due_date=due,
                        text=rng.choice(vocab.FOLLOW_UP_TEXTS),
                        done=False,
                        done_at=None,
                        created_at=now,
                    )
                )
            if offers and rng.random() < 0.2:
                offer_id, _, offer_state = offers[rng.randrange(len(offers))]
                status = rng.choices(
                    tuple(vocab.PROPOSAL_STATUS_WEIGHTS),
                    weights=tuple(vocab.PROPOSAL_STATUS_WEIGHTS.values()),
                )[0]
                proposals.append(
                    dict(
                        client_id=client_id,
                        offer_id=offer_id,
                        proposed_by=None,
                        proposed_at=now - timedelta(days=rng.randint(1, 60)),
                        status=status,
                        status_changed_at=now,
                        crosses_state_border=offer_state != town.place.state,
                        note="",
                    )
                )
            if len(clients) >= BATCH:
                self._flush_clients(
                    conn, clients, wishes, languages, notes, follow_ups, proposals, result
                )
                step(len(clients))
                clients, wishes, languages, notes, follow_ups, proposals = [], [], [], [], [], []
        if clients:
            self._flush_clients(
                conn, clients, wishes, languages, notes, follow_ups, proposals, result
            )
            step(len(clients))

    @staticmethod
    def _flush_clients(
        conn: Any,
        clients: list[Any],
        wishes: list[Any],
        languages: list[Any],
        notes: list[Any],
        follow_ups: list[Any],
        proposals: list[Any],
        result: DemoResult,
    ) -> None:
        conn.execute(insert(Client), clients)
        for model, rows in (
            (ClientOccupation, wishes),
            (ClientLanguage, languages),
            (CounsellingNote, notes),
            (FollowUp, follow_ups),
            (Proposal, proposals),
        ):
            if rows:
                conn.execute(insert(model), rows)
                result.extras[model.__tablename__] = result.extras.get(
                    model.__tablename__, 0
                ) + len(rows)


class _Cancelled(Exception):
    pass


def database_is_empty(database: Database) -> bool:
    """No offers and no clients yet (the first start offers demo data then)."""
    with database.session() as session:
        offers = session.execute(select(func.count(Offer.id))).scalar_one()
        clients = session.execute(select(func.count(Client.id))).scalar_one()
    return offers == 0 and clients == 0


def seed_in_use(connection: Any, seed: int) -> bool:
    """Whether demo offers or clients of this seed are in the database already."""
    prefix = f"DEMO{seed}-%"
    offers = connection.execute(
        select(func.count(Offer.id)).where(
            Offer.source == DEMO_SOURCE,
            Offer.reference.like(prefix),  # type: ignore[attr-defined]
        )
    ).scalar_one()
    clients = connection.execute(
        select(func.count(Client.id)).where(Client.customer_number.like(prefix))  # type: ignore[union-attr]
    ).scalar_one()
    return bool(offers or clients)


def free_demo_seed(database: Database) -> int:
    """The first seed whose demo references are not in the database yet."""
    with database.engine.connect() as connection:
        seed = 1
        while seed_in_use(connection, seed):
            seed += 1
        return seed
