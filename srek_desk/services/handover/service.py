"""Case handover without a server: clients into a password-encrypted file, and back in elsewhere.

Export: the chosen clients (the actor must be allowed to see each; restricted ones may not
leave) with notes, follow-ups, proposals, printed sheets and hidden offers become one package
(`handover_format`), written under a temporary name and renamed when complete; every client
gets an audit entry "handover_export" (pseudonym and counts, no names). Optionally the clients
are marked as handed over: status "inactive" and a note saying to whom and when.

Import: `read` decrypts and shows what is inside, with a duplicate check per client (same
pseudonym already here, or `duplicates.similar_clients`). `import_package` writes everything in
one transaction or nothing: a duplicate is skipped unless the caller decides "new" (import as a
new record beside it) or "merge" (only when there is exactly one look-alike and the actor may
see it: the record is imported, then folded into the existing one by `services.merge` in its
own transaction; the existing record's values win, empty ones are filled, all rows move over;
a refused merge leaves both records with a warning). Imported clients belong to the importing
counsellor, keep their pseudonym unless it is taken, lose a Kundennummer that is taken here
(with a warning), and get an audit entry "handover_import" each.

Offers travel by identity. A proposal or hidden offer is re-linked to the local offer with the
same (source, reference); a proposal whose offer this database does not know is kept as a line
of one note ("Aus der Fallübergabe …": date, title, employer, place, deadline, status), and so
is a printed sheet some of whose offers are unknown here. No offers are invented.
Notes keep their text and time; their author, a colleague elsewhere, is appended as text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from srek_desk.db.models import Client, CounsellingNote, UserAccount
from srek_desk.errors import UserError
from srek_desk.services.clients import MergeService, display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor, client_scope
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.handover.file_format import (
    DEFAULT_KDF,
    FORMAT_VERSION,
    KdfParams,
    check_new_password,
    read_file,
    seal,
    unseal,
    write_partial,
)
from srek_desk.services.handover.intake import (
    MERGE,
    NEW,
    SKIP,
    ImportResult,
    PackageImporter,
    PreviewClient,
    assess,
    package_time,
)
from srek_desk.services.handover.rows import client_document, count_text, document_counts
from srek_desk.services.offline import CLIENT_TABLE, ClientRef, lock_chosen_clients

log = logging.getLogger(__name__)

DECISIONS = (SKIP, NEW, MERGE)


@dataclass(frozen=True, slots=True)
class ClientChoice:
    """A client the actor may hand over (the export dialog's list)."""

    id: int
    name: str
    customer_number: str | None
    birth_date: date | None


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: str
    clients: tuple[ClientRef, ...]
    counts: dict[str, int]
    size_bytes: int
    seconds: float
    marked_handed_over: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "clients": len(self.clients),
            "counts": dict(self.counts),
            "size_bytes": self.size_bytes,
            "seconds": round(self.seconds, 2),
            "marked_handed_over": self.marked_handed_over,
        }


@dataclass(frozen=True, slots=True)
class HandoverPreview:
    office: str
    exported_by: str
    created_at: datetime | None
    format: int
    clients: tuple[PreviewClient, ...]

    @property
    def duplicates(self) -> int:
        return sum(1 for c in self.clients if c.is_duplicate)

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": self.office,
            "exported_by": self.exported_by,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "format": self.format,
            "client_count": len(self.clients),
            "duplicates": self.duplicates,
            "clients": [c.as_dict() for c in self.clients],
        }


class HandoverService:
    """Export and import of handover packages for one database and office."""

    def __init__(
        self, database: Database, office_name: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> None:
        self.database = database
        self.office_name = office_name
        self.kdf = kdf

    # -- export ------------------------------------------------------------------------------

    def choices(self, actor: Actor) -> list[ClientChoice]:
        """The clients `actor` may hand over, by name."""
        with self.database.session() as session:
            rows = session.execute(
                select(
                    Client.id,
                    Client.first_name,
                    Client.last_name,
                    Client.customer_number,
                    Client.birth_date,
                )
                .where(client_scope(actor), Client.restricted.is_(False))  # type: ignore[attr-defined]
                .order_by(Client.last_name, Client.first_name, Client.id)
            ).all()
        return [ClientChoice(r[0], display_name(r[1], r[2], r[3]), r[3], r[4]) for r in rows]

    def export(
        self,
        clients: Sequence[int | str],
        password: str,
        path: str | Path,
        actor: Actor,
        *,
        mark_handed_over: str | None = None,
        overwrite: bool = False,
    ) -> ExportResult:
        """Write the package. `clients`: ids, or (text) Kundennummer / pseudonym / id.
        `mark_handed_over`: set the clients inactive with a note naming the recipient ("" when
        unnamed); None leaves them as they are."""
        started = time.monotonic()
        check_new_password(password)
        target = Path(path).expanduser()
        if target.is_dir():
            raise UserError(f"{target} ist ein Ordner; bitte einen Dateinamen angeben.")
        if not target.parent.is_dir():
            raise UserError(f"Den Ordner {target.parent} gibt es nicht.")
        if target.exists() and not overwrite:
            raise UserError(f"Die Datei {target} gibt es schon; bitte einen neuen Namen wählen.")
        if not clients:
            raise UserError("Bitte mindestens eine Klientin oder einen Klienten angeben.")
        partial: Path | None = None
        try:
            with self.database.session() as session, session.begin():
                rows, documents, data = self._export_in(
                    session, actor, clients, password, mark_handed_over
                )
                partial = write_partial(target, data)
            partial.replace(target)
        except BaseException:
            if partial is not None:
                partial.unlink(missing_ok=True)
            raise
        counts: dict[str, int] = {}
        for document in documents:
            for key, value in document_counts(document).items():
                counts[key] = counts.get(key, 0) + value
        log.info("handover export: %d clients, %d bytes", len(rows), len(data))
        return ExportResult(
            str(target),
            tuple(ClientRef.of(r) for r in rows),
            counts,
            len(data),
            time.monotonic() - started,
            mark_handed_over is not None,
        )

    def _export_in(
        self,
        session: Session,
        actor: Actor,
        clients: Sequence[int | str],
        password: str,
        mark_handed_over: str | None,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], bytes]:
        rows = _chosen(session, actor, clients)
        documents = [client_document(session, row) for row in rows]
        now = datetime.now(UTC)
        body = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "office": self.office_name,
            "exported_by": actor.username,
            "exported_by_name": actor.display_name,
            "clients": documents,
        }
        data = seal(body, password, self.kdf)
        for row, document in zip(rows, documents, strict=True):
            audit.record(
                session,
                actor,
                "handover_export",
                "client",
                subject=row["pseudonym"] or "",
                detail=count_text(document_counts(document)),
            )
            if mark_handed_over is not None:
                _mark_handed_over(session, actor, row, mark_handed_over, now)
        session.flush()
        return rows, documents, data

    # -- import ------------------------------------------------------------------------------

    def read(self, path: str | Path, password: str, actor: Actor) -> HandoverPreview:
        """What a package holds and which clients look like ones already here."""
        body = unseal(read_file(path), password)
        with self.database.session() as session:
            clients = tuple(assess(session, actor, document) for document in body["clients"])
        return HandoverPreview(
            office=str(body.get("office") or ""),
            exported_by=str(body.get("exported_by_name") or body.get("exported_by") or ""),
            created_at=package_time(body.get("created_at")),
            format=int(body["format"]),
            clients=clients,
        )

    def import_package(
        self,
        path: str | Path,
        password: str,
        actor: Actor,
        decisions: Mapping[str, str] | None = None,
        *,
        on_duplicate: str = SKIP,
        counsellor: str | None = None,
    ) -> ImportResult:
        """Take the package's clients over, all in one transaction.

        `decisions`: pseudonym (as in the package) → "skip", "new" or "merge"; clients without
        a decision are imported unless they look like a duplicate, then `on_duplicate` applies
        ("merge" there only where the one look-alike is clear, else skip).
        The clients belong to the actor, or to the account `counsellor` (login name).
        """
        for decision in (on_duplicate, *(decisions or {}).values()):
            if decision not in DECISIONS:
                raise UserError(
                    f"Unbekannte Entscheidung „{decision}“ (erlaubt: skip, new, merge)."
                )
        body = unseal(read_file(path), password)
        office = str(body.get("office") or "")
        result = ImportResult(office)
        with self.database.session() as session, session.begin():
            importer = PackageImporter(session, actor, body, _account_id(session, counsellor))
            for document in body["clients"]:
                importer.take(document, dict(decisions or {}), on_duplicate, result)
            result.counts = dict(importer.counts)
        self._merge(importer.merges, actor, result)
        log.info(
            "handover import: %d clients taken over, %d skipped",
            len(result.imported),
            len(result.skipped),
        )
        return result

    def _merge(
        self, merges: list[tuple[int, int, ClientRef]], actor: Actor, result: ImportResult
    ) -> None:
        """Fold imported records into the look-alikes chosen for them, one merge each (the
        merge service's own transaction): a refused merge leaves the imported record beside
        the existing one, with a warning."""
        service = MergeService(self.database)
        for kept_id, imported_id, ref in merges:
            try:
                merged = service.merge(kept_id, imported_id, actor)
            except UserError as error:
                result.imported.append(ref)
                result.warnings.append(
                    f"{ref.name}: als eigener Eintrag übernommen; das Zusammenführen ging nicht "
                    f"({error.message})"
                )
                continue
            result.merged.append(ClientRef(merged.kept_pseudonym, ref.name))


def _chosen(
    session: Session, actor: Actor, references: Sequence[int | str]
) -> list[dict[str, Any]]:
    return lock_chosen_clients(
        session,
        actor,
        references,
        done_by="den Fall übergeben",
        refused_for_restricted="nicht übergeben werden",
    )


def _account_id(session: Session, login: str | None) -> int | None:
    if not login:
        return None
    found = session.execute(
        select(UserAccount.id, UserAccount.active).where(
            UserAccount.username == login.strip().lower()
        )
    ).first()
    if found is None:
        raise UserError(f"Ein Konto „{login}“ gibt es nicht.")
    if not found[1]:
        raise UserError(f"Das Konto „{login}“ ist deaktiviert.")
    return int(found[0])


def _mark_handed_over(
    session: Session, actor: Actor, row: dict[str, Any], recipient: str, now: datetime
) -> None:
    day = now.astimezone().strftime("%d.%m.%Y")
    text = (
        f"An {recipient.strip()} übergeben am {day} (Fallübergabe)."
        if recipient.strip()
        else f"Per Fallübergabe übergeben am {day}."
    )
    session.add(CounsellingNote(client_id=row["id"], author_id=actor.user_id, text=text))
    session.execute(
        update(CLIENT_TABLE)
        .where(CLIENT_TABLE.c.id == row["id"])
        .values(status="inactive", version=row["version"] + 1, updated_at=changed_now())
    )
    audit.record(
        session,
        actor,
        "update",
        "client",
        subject=row["pseudonym"] or "",
        fields="status,note",
        detail="übergeben",
    )


__all__ = [
    "DECISIONS",
    "MERGE",
    "NEW",
    "SKIP",
    "ClientChoice",
    "ExportResult",
    "HandoverPreview",
    "HandoverService",
    "ImportResult",
    "PreviewClient",
]
