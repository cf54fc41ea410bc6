"""The objects a running SREK Desk works with, built once and handed down (no globals)."""

from __future__ import annotations

from dataclasses import dataclass

from srek_desk.config import Config
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.database import Database, open_database, resolve_database_location


@dataclass
class AppContext:
    config: Config
    database: Database
    reference: ReferenceData

    @classmethod
    def open(cls, config: Config, reference: ReferenceData | None = None) -> AppContext:
        database = open_database(
            resolve_database_location(config),
            backups_to_keep=config["database.backups_to_keep"],
        )
        if reference is None:
            from srek_desk.services.occupations import office_occupations

            reference = ReferenceData(lambda: office_occupations(database))
        return cls(config, database, reference)

    def close(self) -> None:
        self.database.dispose()
