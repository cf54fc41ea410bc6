"""Opportunity sheets for clients: fill SheetData from a client and their matches, render, record.

Only the first name (or nothing, pseudonymous) and the postcode centre of the client go into a
sheet; offers come with commute per mode the client can use (bus and train with the timetable's
connection where one is loaded, its publisher credited in the footer), contacts, a plain "why it fits",
their "Stand" and the client's skills they ask for. Stale offers are never printed, and a
near miss only for want of skills may fill a free place (see sheet_offers.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer, Proposal
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import UserError
from srek_desk.matching.engine import Match, Matcher, OfferFilter
from srek_desk.matching.freshness import confirmed_day, offer_stale_reason
from srek_desk.matching.index import ClientProfile, OfferIndex, OfferRow
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.clients import CLOSED_STATUSES
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor, visible_client
from srek_desk.services.core.database import Database
from srek_desk.services.matching import MatchService
from srek_desk.services.offers import SkillService
from srek_desk.services.sheets.offers import (
    SkillWords,
    choose_ranked,
    commutes_for,
    left_out_message,
    missing_skills,
    needs_move,
    offer_contacts,
)
from srek_desk.services.sheets.transit import timetable_credit
from srek_desk.services.sheets.why import why_it_fits
from srek_desk.sheets.data import (
    CounsellorInfo,
    HomeArea,
    OfficeInfo,
    SheetData,
    SheetOffer,
    offer_url,
)
from srek_desk.sheets.pathway import default_steps, load_templates

if TYPE_CHECKING:
    from srek_desk.sheets.render import SheetResult


@dataclass(frozen=True, slots=True)
class PreparedSheet:
    data: SheetData
    client_id: int
    offer_ids: tuple[int, ...]
    pseudonymous: bool = False
    left_out: tuple[str, ...] = ()  # German: picked offers not printed (stale), one line each


class SheetService:
    def __init__(
        self,
        database: Database,
        reference: ReferenceData,
        config: Config,
        matching: MatchService | None = None,
        *,
        actor: Actor,
    ) -> None:
        self.database = database
        self.actor = actor  # printing records proposals: only for clients the actor may see
        self.reference = reference
        self.config = config
        self.matching = matching or MatchService(database, reference, config)

    # -- building ---------------------------------------------------------------------------
    def prepare(
        self,
        client_ref: str | int,
        *,
        offer_refs: Sequence[str | int] = (),
        language: str | None = None,
        pseudonymous: bool = False,
        top: int | None = None,
        counsellor: CounsellorInfo | None = None,
        today: date | None = None,
    ) -> PreparedSheet:
        # Runs in background jobs: hold the matching lock while the indexes are read.
        with self.matching.lock:
            return self._prepare(
                client_ref,
                offer_refs=offer_refs,
                language=language,
                pseudonymous=pseudonymous,
                top=top,
                counsellor=counsellor,
                today=today,
            )

    def _prepare(
        self,
        client_ref: str | int,
        *,
        offer_refs: Sequence[str | int],
        language: str | None,
        pseudonymous: bool,
        top: int | None,
        counsellor: CounsellorInfo | None,
        today: date | None,
    ) -> PreparedSheet:
        language = language or self.config["sheet.default_language"]
        top = top or self.config["sheet.default_offers"]
        today = today or date.today()
        stale_after = self.config["matching.stale_after_days"]
        profile = self.matching.client_profile(client_ref, self.actor)  # may they see them?
        matches: list[Match | None]
        left_out: list[str] = []
        if offer_refs:
            picked = [self.matching.offer_row(ref) for ref in offer_refs]
            rows = []
            for row in {row.id: row for row in picked}.values():  # the same offer once
                reason = offer_stale_reason(row, today=today, stale_after_days=stale_after)
                if reason is None:
                    rows.append(row)
                else:
                    left_out.append(left_out_message(row, reason))
            if not rows:
                raise UserError(
                    "Kein gewähltes Angebot kann gedruckt werden. " + " ".join(left_out)
                )
            matches = self._explain_picked(profile, rows)
        else:
            rows, ranked = self._ranked(profile, top, today, stale_after)
            matches = list(ranked)
        with self.database.session() as session:
            client = session.get(Client, profile.id)
            assert client is not None
            first_name = None if pseudonymous else (client.first_name or None)
            contacts = offer_contacts(session, [r.id for r in rows])
        words = SkillWords.of(SkillService(self.database).vocabulary(include_inactive=True))
        sheet_offers = [
            self._sheet_offer(profile, row, match, contacts.get(row.id, {}), language, words)
            for row, match in zip(rows, matches, strict=True)
        ]
        home = None
        if profile.lat is not None and profile.lon is not None:
            home = HomeArea(profile.home_postcode, profile.home_place, profile.lat, profile.lon)
        templates = load_templates(self._office_templates())
        steps = default_steps(sheet_offers, language, templates)
        by_timetable = any(c.from_timetable for o in sheet_offers for c in o.commutes)
        data = SheetData(
            office=self._office(),
            counsellor=counsellor or CounsellorInfo(name=""),
            date=today,
            first_name=first_name,
            home=home,
            language=language,
            offers=tuple(sheet_offers),
            steps=tuple(steps),
            # the timetable's publisher and licence, wherever a figure comes from it
            timetable_credit=timetable_credit(self.database, self.config) if by_timetable else "",
        )
        return PreparedSheet(
            data, profile.id, tuple(r.id for r in rows), pseudonymous, tuple(left_out)
        )

    def _ranked(
        self, profile: ClientProfile, top: int, today: date, stale_after: int
    ) -> tuple[list[OfferRow], list[Match]]:
        """The best current offers not hidden for the client; skill-only near misses fill up."""
        matcher = self.matching.matcher
        hidden = tuple(self.matching.hidden_offers(profile.id, self.actor))
        spare = top + 20  # room for offers left out below
        result = matcher.rank_offers(
            profile, top=spare, near_misses=spare + 30, where=OfferFilter(exclude_offer_ids=hidden)
        )
        rows: dict[int, OfferRow] = {}
        for match in result.matches + result.near_misses:
            row = matcher.offers.row(match.offer_id)
            if (
                row is not None
                and offer_stale_reason(row, today=today, stale_after_days=stale_after) is None
            ):
                rows[row.id] = row
        chosen = choose_ranked(result, top, lambda m: m.offer_id in rows)
        return [rows[m.offer_id] for m in chosen], chosen

    def _explain_picked(self, profile: ClientProfile, rows: list[OfferRow]) -> list[Match | None]:
        """Reasons for offers the counsellor picked by hand (they may be near misses)."""
        m = self.matching.matcher
        picked = Matcher(
            OfferIndex(rows, m.offers.skill_bits),
            m.clients,
            m.related,
            m.explainer,
            m.settings,
            m.travel_times,
            m.today,
            transit=m.transit,  # bus and train by the same timetable as the ranking
        )
        result = picked.rank_offers(profile, top=len(rows), near_misses=len(rows))
        found = {x.offer_id: x for x in result.matches + result.near_misses}
        return [found.get(r.id) for r in rows]

    def _sheet_offer(
        self,
        profile: ClientProfile,
        row: OfferRow,
        match: Match | None,
        contact: dict[str, str],
        language: str,
        words: SkillWords,
    ) -> SheetOffer:
        why = ""
        if match is not None and match.occupation_kind:
            wish = self.reference.occupations.get(match.wish_code)
            why = why_it_fits(
                language, match.occupation_kind, wish.name if wish else match.wish_code
            )
        crosses = bool(row.state and profile.home_state and row.state != profile.home_state)
        matcher = self.matching.matcher
        commutes = commutes_for(
            profile,
            row,
            matcher.settings.commute,
            matcher.travel_times,
            match=match,
            transit=matcher.transit,
        )
        return SheetOffer(
            title=row.title,
            employer=row.employer_name,
            place=row.place,
            state_code=row.state,
            state_name=STATE_NAMES.get(row.state, row.state),
            start_date=row.start_date,
            application_deadline=row.application_deadline,
            commutes=commutes,
            crosses_state_border=crosses,
            why_it_fits=why,
            contact_person=contact.get("person", ""),
            phone=contact.get("phone", ""),
            email=contact.get("email", ""),
            web_url=contact.get("url", ""),
            qr_url=offer_url(row.reference, contact.get("url", "")),
            lat=row.lat,
            lon=row.lon,
            confirmed_on=confirmed_day(row.confirmed_at),
            skills_have=words.held(profile.skills, row),
            skills_missing=words.gaps(missing_skills(match, row, profile.skills)),
            relocation=needs_move(match, profile, commutes),
            place_approximate=row.place_approximate,
            place_unknown=row.lat is None or row.lon is None,
        )

    def _office(self) -> OfficeInfo:
        c = self.config
        logo = Path(c["office.logo_path"]) if c["office.logo_path"] else None
        return OfficeInfo(
            name=c["office.name"],
            address=c["office.address"],
            phone=c["office.phone"],
            email=c["office.email"],
            opening_hours=c["office.opening_hours"],
            logo_path=logo if logo and logo.is_file() else None,
        )

    def _office_templates(self) -> Path | None:
        from srek_desk import paths

        candidate = paths.user_config_dir() / "pathway_templates.json"
        return candidate if candidate.is_file() else None

    # -- output ------------------------------------------------------------------------------
    def render(self, prepared: PreparedSheet, target: Path) -> SheetResult:
        from srek_desk.sheets.render import render_sheet

        return render_sheet(prepared.data, target)

    def render_group(
        self,
        prepared: Sequence[PreparedSheet],
        target: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SheetResult:
        from srek_desk.sheets.render import render_batch

        return render_batch(
            [p.data for p in prepared], target, progress=progress, cancelled=cancelled
        )

    def record(self, prepared: PreparedSheet, *, user_id: int | None = None) -> int:
        """Store that a sheet was printed and propose its offers (Vermittlungsvorschlag)."""
        user_id = user_id if user_id is not None else self.actor.user_id
        now = datetime.now(UTC).replace(microsecond=0)
        data = prepared.data
        with self.database.engine.begin() as connection:
            with Session(bind=connection) as session:
                visible_client(session, self.actor, prepared.client_id)
            sheet_id = connection.execute(
                insert(PrintedSheet).values(
                    client_id=prepared.client_id,
                    printed_at=now,
                    printed_by=user_id,
                    offer_ids=",".join(str(i) for i in prepared.offer_ids),
                    language=data.language,
                    pseudonymous=prepared.pseudonymous,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            # Offers with an open proposal are not proposed again; closed ones may be (again).
            proposed = set(
                connection.execute(
                    select(Proposal.offer_id).where(
                        Proposal.client_id == prepared.client_id,
                        Proposal.status.not_in(CLOSED_STATUSES),
                    )
                ).scalars()
            )
            states: dict[int, str] = dict(
                connection.execute(
                    select(Offer.id, Offer.state).where(Offer.id.in_(prepared.offer_ids))
                ).all()
            )
            home = data.home and self.reference.gazetteer.place_for_postcode(data.home.postcode)
            for offer_id in dict.fromkeys(prepared.offer_ids):
                if offer_id in proposed:
                    continue
                proposed.add(offer_id)
                offer_state = states.get(offer_id) or ""
                connection.execute(
                    insert(Proposal).values(
                        client_id=prepared.client_id,
                        offer_id=offer_id,
                        proposed_by=user_id,
                        proposed_at=now,
                        status="vorgeschlagen",
                        status_changed_at=now,
                        # unknown on either side counts as no crossing, as ProposalService does
                        crosses_state_border=bool(
                            home and offer_state and offer_state != home.state
                        ),
                        note="Chancenblatt",
                    )
                )
            # A printed sheet is a contact (reminders, new chances).
            connection.execute(
                update(Client).where(Client.id == prepared.client_id).values(last_contact_at=now)
            )
            # The print is logged in the same transaction: both land or neither does.
            pseudonym = connection.execute(
                select(Client.pseudonym).where(Client.id == prepared.client_id)
            ).scalar_one_or_none()
            with Session(bind=connection) as session:
                audit.record(
                    session,
                    self.actor,
                    "print",
                    "client",
                    subject=pseudonym or "",
                    detail=f"Chancenbogen ({data.language}, {len(prepared.offer_ids)} Angebote)",
                )
                session.flush()
        return int(sheet_id)
