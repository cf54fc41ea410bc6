"""A client with proposals in every status at known days, for the Bewerbungsnachweis tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update

from srek_desk.db.models import Client, Offer, Proposal, UserAccount
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM
from tests.db.privacy_fixtures import person

FIRST, LAST, NUMBER = "Aylin", "Yıldız", "K-BEW-1"

# (employer, title, reference, place, status, proposed, status changed)
PROPOSALS = [
    ("Leine Metall GmbH", "Ausbildung Mechatroniker/in", "10000-1184867112-S", "Göttingen",
     "beworben", date(2026, 9, 14), date(2026, 9, 16)),
    ("Werra Kliniken", "Ausbildung Pflegefachfrau/-mann", "WK-PFL-26", "Eschwege",
     "vorstellungsgespraech", date(2026, 9, 2), date(2026, 9, 25)),
    ("Kasseler Verkehrsbetriebe", "Ausbildung Kfz-Mechatroniker/in", "KVB-7", "Kassel",
     "absage", date(2026, 10, 6), date(2026, 10, 20)),
    ("Obsthof Werratal", "Ausbildung Gärtner/in", "OW-3", "Witzenhausen",
     "zusage", date(2026, 11, 3), date(2026, 11, 10)),
    ("Nur Vorgeschlagen GmbH", "Ausbildung Koch/Köchin", "NV-1", "Göttingen",
     "vorgeschlagen", date(2026, 10, 1), date(2026, 10, 1)),
    ("Zurückgezogen KG", "Ausbildung Bäcker/in", "ZK-1", "Kassel",
     "zurueckgezogen", date(2026, 10, 2), date(2026, 10, 9)),
]  # fmt: skip


@dataclass(frozen=True)
class Office:
    client_id: int
    own_counsellor: int  # user account the client belongs to
    other_counsellor: int  # a colleague's account (client not shared)


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def build(database, reference) -> Office:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        accounts = [
            UserAccount(username=name, display_name=display, role="berater", phone="05542 1234-17")
            for name, display in (("mm", "Sabine Mustermann"), ("kk", "Karl Kollege"))
        ]
        session.add_all(accounts)
        session.flush()
        own, other = (int(a.id) for a in accounts)  # type: ignore[arg-type]
    clients = ClientService(database)
    client_id = clients.create(person(FIRST, LAST, NUMBER, birth_date=date(2008, 3, 4)), reference)
    proposals = ProposalService(database, reference)
    for number, (employer, title, ref, place, status, proposed, changed) in enumerate(PROPOSALS):
        with database.session() as session, session.begin():
            offer = Offer(source="test", reference=ref, title=title, employer_name=employer,
                          place=place, postcode="37073", state="NI", kldb_code="26112")  # fmt: skip
            session.add(offer)
            session.flush()
            offer_id = int(offer.id)  # type: ignore[arg-type]
        proposal_id = proposals.propose(client_id, offer_id, SYSTEM, note=f"Nr. {number}")
        with database.engine.begin() as connection:
            connection.execute(
                update(Proposal)
                .where(Proposal.id == proposal_id)
                .values(
                    status=status, proposed_at=_noon(proposed), status_changed_at=_noon(changed)
                )
            )
    with database.engine.begin() as connection:
        connection.execute(update(Client).where(Client.id == client_id).values(counsellor_id=own))
    return Office(client_id, own, other)
