"""Taking a decrypted handover package into this database: duplicate check and row writing.

Runs inside the caller's transaction (`HandoverService.import_package`), so a refused value in
the tenth client leaves the first nine unwritten too. See `services/handover/service.py` for the rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from srek_desk.db.codes import PROPOSAL_STATUSES, join_codes
from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
    new_pseudonym,
)
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import UserError
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.changes import changed_now
from srek_desk.services.handover.preview import (
    ImportResult,
    PreviewClient,
    assess,
    package_fields,
    package_time,
)
from srek_desk.services.handover.rows import (
    child_list,
    column_value,
    count_text,
    malformed,
    offer_key,
    pairs,
    row_values,
)
from srek_desk.services.offline import CLIENT_OWN_COLUMNS, CLIENT_TABLE, ClientRef, table_of

SKIP, NEW, MERGE = "skip", "new", "merge"
# Own columns that describe this office's handling, not the person: reset on import.
_RESET = {"shared": False, "restricted": False, "restricted_at": None, "anonymised_at": None}
_NOTE, _FOLLOW_UP = table_of(CounsellingNote), table_of(FollowUp)
_PROPOSAL, _SHEET = table_of(Proposal), table_of(PrintedSheet)
_WISH, _LANGUAGE = table_of(ClientOccupation), table_of(ClientLanguage)


class PackageImporter:
    """Writes the clients of one package into the caller's session."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        body: Mapping[str, Any],
        counsellor_id: int | None = None,
    ) -> None:
        self.session = session
        self.actor = actor
        self.counsellor_id = counsellor_id if counsellor_id is not None else actor.user_id
        self.office = str(body.get("office") or "")
        created = package_time(body.get("created_at"))
        self.exported_day = f"{created.astimezone():%d.%m.%Y}" if created else ""
        self.counts: Counter[str] = Counter(
            dict.fromkeys(
                (
                    "notes",
                    "follow_ups",
                    "proposals",
                    "printed_sheets",
                    "hidden_offers",
                    "offers_missing",
                ),
                0,
            )
        )
        self.offer_ids: dict[tuple[str, str], int | None] = {}
        self.merges: list[tuple[int, int, ClientRef]] = []  # (kept here, imported, who)

    def take(
        self,
        document: Any,
        decisions: Mapping[str, str],
        on_duplicate: str,
        result: ImportResult,
    ) -> None:
        preview = assess(self.session, self.actor, document)
        ref = ClientRef(preview.pseudonym, preview.name)
        decision = decisions.get(preview.pseudonym)
        if decision == SKIP:
            result.skipped.append((ref, "nicht ausgewählt"))
            return
        wanted = decision or (on_duplicate if preview.is_duplicate else NEW)
        if wanted == MERGE and preview.merge_target is None:
            if decision == MERGE:
                raise UserError(
                    f"{preview.name}: Zusammenführen geht nur mit genau einem ähnlichen Eintrag, "
                    "den Sie sehen dürfen. Es wurde nichts übernommen."
                )
            wanted = SKIP  # --on-duplicate merge: only where the target is clear
        if preview.is_duplicate and wanted == SKIP:
            result.skipped.append((ref, "vielleicht schon vorhanden: " + preview.duplicate_text))
            return
        if wanted == MERGE and not preview.is_duplicate:
            wanted = NEW
        pseudonym = preview.pseudonym
        if not pseudonym or self._pseudonym_taken(pseudonym):
            pseudonym = new_pseudonym()
        own = [n for n in CLIENT_OWN_COLUMNS if n not in _RESET]
        values = row_values(CLIENT_TABLE, package_fields(document), own)
        if preview.customer_number_taken:
            values["customer_number"] = None
            result.warnings.append(
                f"{preview.name}: die Kundennummer {preview.customer_number} ist hier schon "
                "vergeben; ohne Kundennummer übernommen."
            )
        now = changed_now()
        values.update(
            _RESET,
            pseudonym=pseudonym,
            counsellor_id=self.counsellor_id,
            version=1,
            created_at=package_time(document.get("created_at")) or now,
            last_contact_at=package_time(document.get("last_contact_at")),
            updated_at=now,
        )
        client_id = self.session.execute(
            insert(CLIENT_TABLE).values(**values)
        ).inserted_primary_key[0]
        self._wishes_and_languages(client_id, document)
        before = Counter(self.counts)
        lines = self._children(client_id, document)
        if lines:
            self._missing_offers_note(client_id, lines)
        added = self.counts - before
        detail = (
            f"von {self.office[:50]}: {count_text(added)}"
            + (f"; neue Kennung, im Paket {ref.pseudonym}" if pseudonym != ref.pseudonym else "")
            + ("; zum Zusammenführen" if wanted == MERGE else "")
            + ("; trotz Ähnlichkeit neu" if preview.is_duplicate and wanted == NEW else "")
        )
        audit.record(
            self.session,
            self.actor,
            "handover_import",
            "client",
            subject=pseudonym,
            detail=detail[:200],
        )
        if wanted == MERGE:
            assert preview.merge_target is not None
            self.merges.append(
                (preview.merge_target, client_id, ClientRef(pseudonym, preview.name))
            )
        else:
            result.imported.append(ClientRef(pseudonym, preview.name))

    def _pseudonym_taken(self, pseudonym: str) -> bool:
        found = self.session.execute(select(Client.id).where(Client.pseudonym == pseudonym))
        return found.first() is not None

    def _wishes_and_languages(self, client_id: int, document: Mapping[str, Any]) -> None:
        seen: set[str] = set()
        for code, priority in pairs(document.get("wishes", []), "wishes"):
            wish = row_values(
                _WISH, {"kldb_code": code, "priority": priority}, ("kldb_code", "priority")
            )
            if wish["kldb_code"] not in seen:
                seen.add(wish["kldb_code"])
                self.session.add(ClientOccupation(client_id=client_id, **wish))
        seen.clear()
        for language, level in pairs(document.get("languages", []), "languages"):
            row = row_values(
                _LANGUAGE, {"language": language, "cefr_level": level}, ("language", "cefr_level")
            )
            if row["language"] not in seen:
                seen.add(row["language"])
                self.session.add(ClientLanguage(client_id=client_id, **row))

    def _children(self, client_id: int, document: Mapping[str, Any]) -> list[str]:
        """Notes, follow-ups, proposals, printed sheets, hidden offers; returns the note lines
        for what refers to offers unknown here."""
        for note in child_list(document, "notes"):
            values = row_values(_NOTE, note, ("created_at", "text"))
            author = note.get("author")
            if isinstance(author, str) and author.strip():
                place = f" ({self.office})" if self.office else ""
                values["text"] = f"{values['text']}\n— {author.strip()}{place}"
            self.session.execute(insert(_NOTE).values(client_id=client_id, **values))
            self.counts["notes"] += 1
        for follow_up in child_list(document, "follow_ups"):
            values = row_values(
                _FOLLOW_UP, follow_up, ("due_date", "text", "done", "done_at", "created_at")
            )
            self.session.execute(insert(_FOLLOW_UP).values(client_id=client_id, **values))
            self.counts["follow_ups"] += 1
        lines: list[str] = []
        for proposal in child_list(document, "proposals"):
            values = row_values(
                _PROPOSAL,
                proposal,
                ("proposed_at", "status", "status_changed_at", "crosses_state_border", "note"),
            )
            offer = proposal.get("offer")
            if not isinstance(offer, Mapping):
                raise malformed("proposals.offer")
            offer_id = self._offer(
                offer_key([offer.get("source"), offer.get("reference")], "offer")
            )
            if offer_id is None:
                lines.append(_proposal_line(values, offer))
                continue
            self.session.execute(
                insert(_PROPOSAL).values(client_id=client_id, offer_id=offer_id, **values)
            )
            self.counts["proposals"] += 1
        for sheet in child_list(document, "printed_sheets"):
            values = row_values(_SHEET, sheet, ("printed_at", "language", "pseudonymous"))
            keys = [offer_key(k, "printed_sheets.offers") for k in sheet.get("offers", [])]
            found = [i for i in (self._offer(k) for k in keys) if i is not None]
            values["offer_ids"] = column_value(_SHEET, "offer_ids", join_codes(map(str, found)))
            self.session.execute(insert(_SHEET).values(client_id=client_id, **values))
            self.counts["printed_sheets"] += 1
            if len(found) < len(keys):
                lines.append(
                    f"• Chancenblatt vom {_day(values.get('printed_at'))}: "
                    f"{len(keys) - len(found)} von "
                    f"{len(keys)} Angeboten gibt es hier nicht."
                )
        hidden: set[int] = set()
        for key in document.get("hidden_offers", []):
            offer_id = self._offer(offer_key(key, "hidden_offers"))
            if offer_id is not None and offer_id not in hidden:
                hidden.add(offer_id)
                self.session.add(HiddenOffer(client_id=client_id, offer_id=offer_id))
                self.counts["hidden_offers"] += 1
        self.session.flush()
        return lines

    def _missing_offers_note(self, client_id: int, lines: list[str]) -> None:
        origin = ", ".join(p for p in (self.office, self.exported_day) if p)
        text = (
            f"Aus der Fallübergabe ({origin}): Angaben zu Angeboten, die es in dieser "
            "Datenbank nicht gibt:\n" + "\n".join(lines)
        )
        self.session.add(
            CounsellingNote(client_id=client_id, author_id=self.actor.user_id, text=text)
        )
        self.counts["offers_missing"] += len(lines)

    def _offer(self, key: tuple[str, str]) -> int | None:
        if key not in self.offer_ids:
            self.offer_ids[key] = self.session.execute(
                select(Offer.id).where(Offer.source == key[0], Offer.reference == key[1])
            ).scalar_one_or_none()
        return self.offer_ids[key]


def _day(moment: Any) -> str:
    return f"{moment.astimezone():%d.%m.%Y}" if isinstance(moment, datetime) else "?"


def _proposal_line(values: Mapping[str, Any], offer: Mapping[str, Any]) -> str:
    """A proposal whose offer is unknown here, as one readable line."""

    def text(key: str) -> str:
        value = offer.get(key)
        return value.strip() if isinstance(value, str) else ""

    where = ", ".join(p for p in (text("employer"), text("place")) if p)
    line = f"• Vorschlag vom {_day(values.get('proposed_at'))}: {text('title') or 'Angebot'}"
    if where:
        line += f" – {where}"
    line += f" ({text('source')} {text('reference')})"
    try:
        deadline = date.fromisoformat(text("deadline")) if text("deadline") else None
    except ValueError:
        deadline = None
    if deadline is not None:
        line += f", Bewerbungsschluss {deadline:%d.%m.%Y}"
    status = str(values.get("status") or "vorgeschlagen")
    return f"{line}; Stand: {PROPOSAL_STATUSES.get(status, status)}"


__all__ = ["MERGE", "NEW", "SKIP", "ImportResult", "PackageImporter", "PreviewClient", "assess"]
