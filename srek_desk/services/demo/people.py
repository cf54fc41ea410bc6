"""Demo clients: fictitious people with wishes, languages, notes, follow-ups and proposals."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Proposal,
)
from srek_desk.db.repositories import reserve_ids
from srek_desk.services.demo import vocabulary as vocab
from srek_desk.services.demo.depth import client_depth
from srek_desk.services.demo.region import BATCH, DemoResult, Town, weighted


def insert_clients(
    conn: Any,
    today: date,
    rngs: tuple[random.Random, random.Random],
    towns: list[Town],
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
        profile = vocab.client_profile(rng, today)
        town = weighted(rng, towns, weights, 1)[0]
        has_licence = profile.age >= 18 and rng.random() < 0.62
        has_car = has_licence and rng.random() < 0.6
        modes = ["pt"] + (["car"] if has_car else []) + (["bike"] if rng.random() < 0.35 else [])
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
                earliest_start=today + timedelta(days=rng.randint(0, 270)),
                consent_given=True,
                consent_date=today - timedelta(days=rng.randint(0, 400)),
                status=rng.choices(("active", "placed", "inactive"), weights=(85, 10, 5))[0],
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
        seen: list[str] = []
        for priority in range(1, rng.choice((1, 1, 2, 2, 3)) + 1):
            code = weighted(rng, occupations, occ_weights, 1)[0][0]
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
            due = today + timedelta(days=rng.randint(-3, 21))
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
            _flush_clients(conn, clients, wishes, languages, notes, follow_ups, proposals, result)
            step(len(clients))
            clients, wishes, languages, notes, follow_ups, proposals = [], [], [], [], [], []
    if clients:
        _flush_clients(conn, clients, wishes, languages, notes, follow_ups, proposals, result)
        step(len(clients))


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
            result.extras[model.__tablename__] = result.extras.get(model.__tablename__, 0) + len(
                rows
            )
