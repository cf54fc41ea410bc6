"""Matching use cases: build the offer and client indexes from the database, keep them fresh, rank."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from srek_desk.config import Config
from srek_desk.db.codes import split_codes
from srek_desk.db.models import Client, ClientLanguage, ClientOccupation, Offer
from srek_desk.db.repositories import client_by_reference
from srek_desk.errors import UserError
from srek_desk.geo.commute import MODES
from srek_desk.matching import codes
from srek_desk.matching.engine import Matcher, MatchResult, OfferFilter
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, ClientProfile, OfferIndex, OfferRow
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.settings import MatchSettings
from srek_desk.matching.transit import parse_clock
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import parse_licences
from srek_desk.services.core.access import (
    COLLEAGUE_CLIENT,
    AccessDenied,
    Actor,
    client_scope,
    may_see,
    visible_client,
)
from srek_desk.services.core.database import Database
from srek_desk.services.matching.rows import OFFER_COLUMNS, code_list, offer_row_of, offer_rows
from srek_desk.services.offers import SkillService

log = logging.getLogger(__name__)

MATCHABLE_CLIENT_STATUSES = ("active",)


def client_profiles(
    database: Database,
    reference: ReferenceData,
    *,
    ids: Iterable[int] | None = None,
    changed_since: datetime | None = None,
) -> tuple[list[ClientProfile], list[int]]:
    """Matchable clients as profiles, and the ids of those matching must leave out."""
    query = select(Client)
    if ids is not None:
        query = query.where(Client.id.in_(list(ids)))  # type: ignore[union-attr]
    if changed_since is not None:
        query = query.where(Client.updated_at > changed_since)  # type: ignore[operator]
    with database.session() as session:
        clients = session.execute(query).scalars().all()
        wanted = [c.id for c in clients]
        wishes: dict[int, list[tuple[str, int]]] = {}
        german: dict[int, str] = {}
        for chunk in _chunks(wanted, 900):
            for client_id, code, priority in session.execute(
                select(
                    ClientOccupation.client_id,
                    ClientOccupation.kldb_code,
                    ClientOccupation.priority,
                )
                .where(ClientOccupation.client_id.in_(chunk))  # type: ignore[attr-defined]
                .order_by(
                    ClientOccupation.client_id, ClientOccupation.priority, ClientOccupation.id
                )
            ):
                wishes.setdefault(client_id, []).append((code, priority))
            for client_id, level in session.execute(
                select(ClientLanguage.client_id, ClientLanguage.cefr_level).where(
                    ClientLanguage.client_id.in_(chunk),
                    ClientLanguage.language == "de",  # type: ignore[attr-defined]
                )
            ):
                german[client_id] = level
    profiles, excluded = [], []
    for client in clients:
        if client.restricted or client.status not in MATCHABLE_CLIENT_STATUSES:
            excluded.append(client.id)
            continue
        profiles.append(
            profile_of(client, wishes.get(client.id, []), german.get(client.id, ""), reference)
        )
    return profiles, excluded


def profile_of(
    client: Client, wishes: list[tuple[str, int]], german_level: str, reference: ReferenceData
) -> ClientProfile:
    place = (
        reference.gazetteer.place_for_postcode(client.home_postcode)
        if client.home_postcode
        else None
    )
    licences = parse_licences(client.driving_licences)
    licence_mask = codes.licence_mask(licences)
    modes = [m for m in split_codes(client.mobility_modes) if m in MODES]
    can_drive = client.has_car and bool(licence_mask & codes.LICENCE_BIT["B"])
    modes = [m for m in modes if m != "car" or can_drive] or ["pt"]
    return ClientProfile(
        id=client.id or 0,
        customer_number=client.customer_number or str(client.id),
        home_postcode=client.home_postcode,
        home_place=place.name if place else client.home_place,
        home_state=place.state if place else "",
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        wishes=tuple(wishes),
        school_rank=codes.school_rank(client.school_qualification),
        vocational_level=codes.vocational_kldb_level(client.vocational_qualification),
        german_rank=codes.cefr_rank(german_level) or 6,
        german_recorded=bool(codes.cefr_rank(german_level)),
        licence_mask=licence_mask,
        modes=tuple(modes),
        max_minutes=float(client.max_commute_minutes),
        relocate=client.willing_to_relocate,
        working_time_mask=codes.working_time_mask(client.working_time),
        earliest_start=client.earliest_start,
        accepts_fixed_term=getattr(client, "accepts_fixed_term", True),
        skills=frozenset(code_list(client.skills)),
        preferences=frozenset(code_list(client.offer_preferences)),
        arrive_by=parse_clock(getattr(client, "arrive_by", None)),
    )


def _change_stamp() -> datetime:
    """A moment safely before now: rows are stamped to the whole second, and re-reading a row
    that did not change is harmless (upsert), while missing one is not."""
    return datetime.now(UTC) - timedelta(seconds=2)


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class MatchService:
    """Owns the in-memory indexes; `refresh()` folds in what changed in the database."""

    def __init__(
        self,
        database: Database,
        reference: ReferenceData,
        config: Config | Mapping[str, Any] | None = None,
        *,
        today: date | None = None,
        travel_times: TravelTimes | None = None,
        related: RelatedOccupations | None = None,
    ) -> None:
        self.database = database
        self.reference = reference
        from srek_desk.services.offers import load_related, load_travel_times
        from srek_desk.services.timetable import TransitSource

        # bus-and-train minutes from the imported timetable, rebuilt after a new import
        self.transit = TransitSource(database, config)

        settings = MatchSettings.from_settings(config) if config is not None else MatchSettings()
        # The office's table of neighbouring occupations (seeded by the project, editable).
        self.related = related or load_related(database)
        if travel_times is None:
            travel_times = load_travel_times(database)
        self.matcher = Matcher(
            OfferIndex(),
            ClientIndex(),
            self.related,
            Explainer(reference.occupations, self.related),
            settings,
            travel_times,
            today,
        )
        self._stamp: datetime | None = None
        # The indexes are read by background jobs (sheets) while the GUI thread may refresh
        # them; every reader and writer holds this lock.
        self.lock = threading.RLock()
        self.build()

    def build(self) -> None:
        with self.lock:
            self._build()

    def _build(self) -> None:
        stamp = _change_stamp()
        offers, _ = offer_rows(self.database)
        profiles, _ = client_profiles(self.database, self.reference)
        offer_index = OfferIndex(offers)
        self.matcher.offers = offer_index
        self.matcher.clients = ClientIndex(profiles, skill_bits=offer_index.skill_bits)
        self.matcher.explainer.skill_labels = SkillService(self.database).labels()
        self.matcher.transit = self.transit.commutes(self.matcher.today)
        self._stamp = stamp
        log.info("matching index built: %d offers, %d clients", len(offers), len(profiles))

    def refresh(self) -> None:
        """Fold in offers and clients changed since the last build or refresh."""
        with self.lock:
            self._refresh()

    def _refresh(self) -> None:
        stamp = _change_stamp()
        offers, inactive = offer_rows(self.database, changed_since=self._stamp)
        self.matcher.offers.upsert(offers)
        self.matcher.offers.remove(inactive)
        profiles, excluded = client_profiles(
            self.database, self.reference, changed_since=self._stamp
        )
        self.matcher.clients.upsert(profiles)
        self.matcher.clients.remove(excluded)
        self.matcher.explainer.skill_labels = SkillService(self.database).labels()
        self.matcher.transit = self.transit.commutes(self.matcher.today)
        self._stamp = stamp

    def forget_missing_clients(self) -> int:
        """Drop clients whose rows are gone (erased) from the index; returns how many."""
        with self.database.session() as session:
            present = set(session.execute(select(Client.id)).scalars())
        with self.lock:
            index = self.matcher.clients
            gone = [int(i) for i in index.ids if int(i) not in present]
            index.remove(gone)
        return len(gone)

    def client_profile(self, client_ref: str | int, actor: Actor) -> ClientProfile:
        """A client `actor` may see, by internal id (int) or, from the command line, by
        Kundennummer or id text."""
        with self.database.session() as session:
            if isinstance(client_ref, int):
                client = session.get(Client, client_ref)
            else:
                client = client_by_reference(session, client_ref)
            if client is None:
                raise UserError(
                    f"Keine Klientin / kein Klient mit der Nummer „{client_ref}“ gefunden."
                )
            if not may_see(actor, client):
                raise AccessDenied(COLLEAGUE_CLIENT)
            client_id = client.id
        profiles, _ = client_profiles(self.database, self.reference, ids=[client_id or 0])
        if not profiles:
            raise UserError(
                f"„{client_ref}“ ist nicht für den Abgleich freigegeben (Status nicht aktiv oder eingeschränkt)."
            )
        return profiles[0]

    def offer_row(self, offer_ref: str | int) -> OfferRow:
        """An offer by internal id (int) or by reference number / id text (command line)."""
        if isinstance(offer_ref, int):
            with self.database.engine.connect() as connection:
                record = connection.execute(
                    select(*OFFER_COLUMNS).where(Offer.id == offer_ref)
                ).first()
            if record is None:
                raise UserError(f"Kein Angebot mit der Nummer {offer_ref} gefunden.")
            return offer_row_of(record)
        with self.database.engine.connect() as connection:
            record = connection.execute(
                select(*OFFER_COLUMNS).where(Offer.reference == offer_ref)
            ).first()
            if record is None and offer_ref.isdigit():
                record = connection.execute(
                    select(*OFFER_COLUMNS).where(Offer.id == int(offer_ref))
                ).first()
        if record is None:
            raise UserError(f"Kein Angebot mit der Nummer oder Referenz „{offer_ref}“ gefunden.")
        return offer_row_of(record)

    def rank_offers(
        self,
        client_ref: str | int,
        actor: Actor,
        *,
        top: int = 50,
        near_misses: int = 20,
        where: OfferFilter | None = None,
    ) -> tuple[ClientProfile, MatchResult]:
        """Ranked offers for a client `actor` may see, leaving out the offers hidden for them."""
        from dataclasses import replace

        profile = self.client_profile(client_ref, actor)
        hidden = self.hidden_offers(profile.id, actor)
        where = where or OfferFilter()
        if hidden:
            where = replace(where, exclude_offer_ids=tuple(hidden) + tuple(where.exclude_offer_ids))
        with self.lock:
            return profile, self.matcher.rank_offers(
                profile, top=top, near_misses=near_misses, where=where
            )

    def hidden_offers(self, client_id: int, actor: Actor) -> set[int]:
        from srek_desk.db.models_desk import HiddenOffer

        with self.database.session() as session:
            visible_client(session, actor, client_id)
            return set(
                session.execute(
                    select(HiddenOffer.offer_id).where(HiddenOffer.client_id == client_id)
                ).scalars()
            )

    def rank_clients(
        self,
        offer_ref: str | int,
        actor: Actor,
        *,
        top: int = 50,
        near_misses: int = 20,
        include_stale: bool = False,
    ) -> tuple[OfferRow, MatchResult]:
        """Ranked clients for an offer, only clients `actor` may see (ranked among themselves,
        so a counsellor gets their full top list); none for a stale offer unless `include_stale`."""
        offer = self.offer_row(offer_ref)
        only = self.visible_client_ids(actor)
        with self.lock:
            return offer, self.matcher.rank_clients(
                offer, top=top, near_misses=near_misses, include_stale=include_stale, only=only
            )

    def visible_client_ids(self, actor: Actor) -> set[int] | None:
        """Ids of the clients `actor` may see; None when they see every client."""
        if actor.can("clients.all"):
            return None
        with self.database.session() as session:
            return set(session.execute(select(Client.id).where(client_scope(actor))).scalars())
