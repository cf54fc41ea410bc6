"""Bewerbungsnachweis: the applications one client made, from proposals and their outcomes.

What a Jobcenter asks for is applications actually made, so a proposal counts from the moment
the client applied: status beworben, Vorstellungsgespräch, Zusage or Absage. Proposals still
only "vorgeschlagen" or "zurückgezogen" are not applications and stay out. The date of a line is
the day the offer was proposed (the record has no separate application day), its "Stand vom"
the day of the last change of status; days are local calendar days. A period filter applies to
the proposal day. Only clients the acting user may see are reachable, and every PDF or listing
is audit-logged under the client's pseudonym.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from srek_desk.config import Config
from srek_desk.db.codes import PROPOSAL_STATUSES
from srek_desk.db.models import Client, Offer, Proposal, UserAccount, local_day
from srek_desk.db.repositories import client_by_reference
from srek_desk.errors import UserError
from srek_desk.services.core import audit
from srek_desk.services.core.access import SYSTEM, Actor, may_see
from srek_desk.services.core.database import Database
from srek_desk.sheets.data import CounsellorInfo, OfficeInfo
from srek_desk.sheets.proof_data import ApplicationLine, ApplicationProof, period_text

if TYPE_CHECKING:
    from srek_desk.sheets.applications import ProofResult

APPLIED_STATUSES = ("beworben", "vorstellungsgespraech", "zusage", "absage")
DETAIL = "Bewerbungsnachweis"


class ApplicationService:
    def __init__(self, database: Database, config: Config, actor: Actor = SYSTEM) -> None:
        self.database = database
        self.config = config
        self.actor = actor

    def proof(
        self,
        client_ref: int | str,
        *,
        start: date | None = None,
        end: date | None = None,
        today: date | None = None,
    ) -> ApplicationProof:
        """The client's applications (oldest first), within [start, end] when given."""
        if start and end and start > end:
            raise UserError(
                f"Der Zeitraum ist verkehrt herum: „von“ ({start:%d.%m.%Y}) liegt nach "
                f"„bis“ ({end:%d.%m.%Y})."
            )
        with self.database.session() as session:
            client = self._client(session, client_ref)
            records = session.execute(
                select(
                    Proposal.proposed_at,
                    Offer.employer_name,
                    Offer.title,
                    Offer.reference,
                    Offer.place,
                    Proposal.status,
                    Proposal.status_changed_at,
                    Proposal.id,
                )
                .join(Offer, Offer.id == Proposal.offer_id)
                .where(
                    Proposal.client_id == client.id,
                    Proposal.status.in_(APPLIED_STATUSES),  # type: ignore[attr-defined]
                )
            ).all()
            counsellor = self._counsellor(session)
            lines = []
            for proposed_at, employer, title, reference, place, status, changed, pid in records:
                day = local_day(proposed_at)
                if (start and day < start) or (end and day > end):
                    continue
                line = ApplicationLine(
                    proposed_on=day,
                    employer=employer or "",
                    title=title,
                    reference=reference,
                    place=place or "",
                    status=status,
                    status_label=PROPOSAL_STATUSES.get(status, status),
                    status_on=local_day(changed),
                )
                lines.append((day, pid, line))
            return ApplicationProof(
                client_id=client.id or 0,
                office=self._office(),
                counsellor=counsellor,
                made_on=today or date.today(),
                first_name=client.first_name,
                last_name=client.last_name,
                birth_date=client.birth_date,
                customer_number=client.customer_number or "",
                period_from=start,
                period_to=end,
                lines=tuple(line for _, _, line in sorted(lines, key=lambda x: x[:2])),
            )

    def write_pdf(self, proof: ApplicationProof, target: Path | BinaryIO) -> ProofResult:
        """Render the proof (from `proof()`) as PDF to a file or stream; audit-logged as printed.

        Refuses an empty proof: a paper saying "no applications" does the client no good, and
        the counsellor should see that before anything goes out.
        """
        result = self.render(proof, target)
        self.record_printed(proof)
        return result

    def render(self, proof: ApplicationProof, target: Path | BinaryIO) -> ProofResult:
        """The PDF without the audit entry: for a print dialog that may still be cancelled
        (call `record_printed` once it went to the printer)."""
        if not proof.lines:
            raise UserError(self.empty_message(proof))
        # ReportLab loads on first use, not when the desktop starts
        from srek_desk.sheets.applications import render_proof

        try:
            return render_proof(proof, target)
        except OSError as exc:
            raise UserError(
                f"Der Bewerbungsnachweis kann nicht nach {target} geschrieben werden: "
                f"{exc.strerror or exc}"
            ) from exc

    def record_printed(self, proof: ApplicationProof) -> None:
        self._log("print", proof)

    def record_listing(self, proof: ApplicationProof) -> None:
        """Log that the lines left the program another way (the CLI's --json)."""
        self._log("export", proof)

    @staticmethod
    def empty_message(proof: ApplicationProof) -> str:
        who = (
            f"Kundennummer {proof.customer_number}"
            if proof.customer_number
            else "diese Klientin / diesen Klienten"
        )
        period = period_text(proof.period_from, proof.period_to)
        where = "insgesamt" if period.startswith("alle") else f"im Zeitraum {period}"
        return (
            f"Für {who} sind {where} keine Bewerbungen erfasst (Stand beworben, "
            "Vorstellungsgespräch, Zusage oder Absage); es wurde kein Bewerbungsnachweis erstellt."
        )

    # -- helpers ------------------------------------------------------------------------------
    def _client(self, session: Session, client_ref: int | str) -> Client:
        if isinstance(client_ref, int):
            client = session.get(Client, client_ref)
        else:
            client = client_by_reference(session, client_ref.strip())
        # A client the actor may not see is reported like a missing one: no hint it exists.
        if client is None or not may_see(self.actor, client):
            raise UserError(f"Keine Klientin / kein Klient mit der Nummer „{client_ref}“ gefunden.")
        if client.restricted:
            raise UserError(
                "Die Verarbeitung der Daten dieser Klientin / dieses Klienten ist eingeschränkt; "
                "ein Bewerbungsnachweis ist erst nach Aufhebung der Einschränkung möglich."
            )
        return client

    def _counsellor(self, session: Session) -> CounsellorInfo:
        account = session.get(UserAccount, self.actor.user_id) if self.actor.user_id else None
        if account is None:
            return CounsellorInfo(name="")  # the command line signs by hand
        return CounsellorInfo(account.display_name or "", account.phone, account.email)

    def _office(self) -> OfficeInfo:
        c = self.config
        return OfficeInfo(
            name=c["office.name"],
            address=c["office.address"],
            phone=c["office.phone"],
            email=c["office.email"],
        )

    def _log(self, action: str, proof: ApplicationProof) -> None:
        detail = (
            f"{DETAIL} ({len(proof.lines)} Bewerbungen, "
            f"{period_text(proof.period_from, proof.period_to)})"
        )
        with self.database.session() as session, session.begin():
            client = self._client(session, proof.client_id)  # a proof made for someone else
            audit.record(
                session, self.actor, action, "client", subject=client.pseudonym or "", detail=detail
            )
