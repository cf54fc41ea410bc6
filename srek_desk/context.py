"""The objects a running SREK Desk works with, built once and handed down (no globals)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from srek_desk.config import Config
from srek_desk.db.encryption import load_key
from srek_desk.db.engine import ServerOptions, database_url, sqlite_path
from srek_desk.db.lock import DatabaseLock
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database, open_database, resolve_database_location

if TYPE_CHECKING:
    from srek_desk.services.protection.backups import BackupService
    from srek_desk.services.timetable import TimetableService

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    config: Config
    database: Database
    reference: ReferenceData
    lock: DatabaseLock | None = field(default=None, repr=False)
    _timetable: TimetableService | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(
        cls,
        config: Config,
        reference: ReferenceData | None = None,
        *,
        lock: bool = True,
        daily_backup: bool = True,
    ) -> AppContext:
        """Open the configured database: lock it, migrate it, write the day's backup if due.

        `lock=False` for read-only helpers that may run beside the app (a backup, a listing).
        """
        location = resolve_database_location(config)
        key = load_key(config)
        file = sqlite_path(database_url(location))
        database_lock = DatabaseLock(file).acquire() if lock and file is not None else None
        try:
            database = open_database(
                location,
                backups_to_keep=config["database.backups_to_keep"],
                key=key,
                backup_folder=Path(config["backup.folder"]) if config["backup.folder"] else None,
                server=ServerOptions.from_config(config),
            )
        except BaseException:
            if database_lock is not None:
                database_lock.release()
            raise
        if reference is None:
            from srek_desk.services.offers.occupations import office_occupations

            reference = ReferenceData(lambda: office_occupations(database))
        context = cls(config, database, reference, database_lock)
        if lock:
            context.seed_skills()
        fresh = database.migration is not None and database.migration.before is None
        if daily_backup and file is not None and not fresh:
            context.run_daily_backup()
        return context

    def backups(self) -> BackupService:
        from srek_desk.services.protection.backups import BackupService

        return BackupService.from_config(self.database, self.config)

    def timetable(self) -> TimetableService:
        """The one timetable service of this run (it caches the loaded arrays)."""
        if self._timetable is None:
            from srek_desk.services.timetable import TimetableService

            self._timetable = TimetableService(
                self.database, self.config, gazetteer=self.reference.gazetteer
            )
        return self._timetable

    def seed_skills(self) -> None:
        """Add skills shipped since the database was made (one query when none are missing)."""
        from sqlalchemy.exc import SQLAlchemyError

        from srek_desk.services.offers.skills import SkillService

        try:
            added = SkillService(self.database).seed()
        except (SQLAlchemyError, UserError) as error:
            log.warning("seeding the skills vocabulary failed: %s", type(error).__name__)
            return
        if added:
            log.info("added %d shipped skills to the vocabulary", added)

    def run_daily_backup(self) -> None:
        """The day's automatic backup; a failure is logged, the app keeps working."""
        try:
            self.backups().run_daily_if_due()
        except UserError as error:
            log.warning("daily backup failed: %s", type(error).__name__)

    def close(self) -> None:
        self.database.dispose()
        if self.lock is not None:
            self.lock.release()
