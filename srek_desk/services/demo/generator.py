"""Demo data: fictitious clients, employers and offers spread over the real places of the region.

Deterministic for a seed. People carry Kundennummern "DEMO-…" and addresses at example.org;
employers are called "Muster…"/"Beispiel…", so nobody mistakes them for real records.
Rows go in through SQLAlchemy Core in batches: 100,000 offers take a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from srek_desk.db.models import (
    Client,
    Employer,
    Offer,
)
from srek_desk.db.repositories import reserve_ids
from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database
from srek_desk.services.demo import vocabulary as vocab
from srek_desk.services.demo.depth import depth_rng, offer_depth
from srek_desk.services.demo.people import insert_clients
from srek_desk.services.demo.region import (
    BATCH,
    CLIENT_RADIUS_KM,
    DEMO_SOURCE,
    REGION_CENTRE,
    REGION_RADIUS_KM,
    DemoResult,
    Town,
    occupation_pool,
    region_towns,
    weighted,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


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
        towns = region_towns(self.reference, REGION_RADIUS_KM)
        near_towns = [
            t
            for t in towns
            if haversine_km(*REGION_CENTRE, t.place.lat, t.place.lon) <= CLIENT_RADIUS_KM
        ]
        occupations = occupation_pool(self.reference)
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
                insert_clients(
                    conn,
                    self.today,
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
        towns: list[Town],
        occupations: list[Any],
        count: int,
        step: Callable[[int], None],
    ) -> list[tuple[int, Town, str]]:
        chosen = weighted(rng, towns, [t.weight for t in towns], count)
        new_ids = reserve_ids(conn, Employer.id, len(chosen))
        now = datetime.now(UTC).replace(microsecond=0)
        rows: list[dict[str, Any]] = []
        result: list[tuple[int, Town, str]] = []
        for index, town in enumerate(chosen):
            employer_id = new_ids[index]
            sector_code = weighted(rng, occupations, [o[3] for o in occupations], 1)[0][0][:2]
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
        towns: list[Town],
        occupations: list[Any],
        employers: list[tuple[int, Town, str]],
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
                    place_approximate=True,  # the postcode's centre, not an address
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
