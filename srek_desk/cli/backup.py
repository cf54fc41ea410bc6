"""`srek-desk backup`, `backups`, `restore` and `encrypt`: the database's safety net for IT.

backup and backups work beside a running SREK Desk (the backup API reads consistently while
others write); restore and encrypt need the database to themselves and refuse while another
instance holds its lock. restore refuses (exit 1) a backup whose schema differs from the one this
version builds, and applies every erasure of the replaced database to the restored one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from srek_desk import paths
from srek_desk.cli.common import EXIT_OK, EXIT_USER_ERROR, load_config, print_json
from srek_desk.config import CONFIG_FILE_NAME, Config
from srek_desk.errors import UserError

if TYPE_CHECKING:
    from srek_desk.services.protection.backups import BackupService


def _backup_service(config: Config) -> BackupService:
    """A BackupService on the configured database, without migrating or locking it."""
    from srek_desk.db.encryption import load_key
    from srek_desk.db.engine import make_engine
    from srek_desk.services.core.database import (
        Database,
        default_backup_folder,
        resolve_database_location,
    )
    from srek_desk.services.protection.backups import BackupService

    location = resolve_database_location(config)
    key = load_key(config)
    folder = default_backup_folder(location, config["backup.folder"])
    database = Database(make_engine(location, key=key), key=key, backup_folder=folder)
    return BackupService.from_config(database, config)


def _existing_database(service: BackupService) -> Path:
    if not service.source.is_file():
        raise UserError(f"Die Datenbank {service.source} gibt es (noch) nicht.")
    return Path(service.source)


def cmd_backup(args: argparse.Namespace) -> int:
    service = _backup_service(load_config(args))
    try:
        _existing_database(service)
        info = service.create(Path(args.output) if args.output else None)
    finally:
        service.database.dispose()
    if args.json:
        print_json({"path": str(info.path), "size_bytes": info.size_bytes, "integrity": "ok"})
    else:
        print(f"Sicherung geschrieben und geprüft: {info.path} ({info.size_bytes / 1e6:.1f} MB)")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    config = load_config(args)
    service = _backup_service(config)
    try:
        infos = service.list()
        warning = service.age_warning(warn_after_days=config["backup.warn_after_days"])
    finally:
        service.database.dispose()
    if args.json:
        print_json([info.as_dict() for info in infos])
        return EXIT_OK
    print(f"Sicherungen in {service.folder}:")
    for info in infos:
        print(
            f"  {info.created:%d.%m.%Y %H:%M}  {info.kind:<24} "
            f"{info.size_bytes / 1e6:8.1f} MB  {info.path.name}"
        )
    if not infos:
        print("  (keine)")
    if warning:
        print(f"Hinweis: {warning}")
    return EXIT_OK


def _confirmed(question: str) -> bool:
    answer = input(question + " [j/N] ").strip().lower()
    return answer in {"j", "ja", "y", "yes"}


def cmd_restore(args: argparse.Namespace) -> int:
    from srek_desk.db.engine import database_url, sqlite_path
    from srek_desk.db.lock import DatabaseLock
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.core.database import resolve_database_location
    from srek_desk.services.protection.backups import restore_with_config

    config = load_config(args)
    backup_file = Path(args.file).expanduser()
    if not backup_file.is_file():
        raise UserError(f"Die Sicherungsdatei {backup_file} gibt es nicht.")
    db_path = sqlite_path(database_url(resolve_database_location(config)))
    if db_path is None:
        raise UserError("Wiederherstellen über SREK Desk gibt es nur für SQLite-Datenbanken.")
    with DatabaseLock(db_path):
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("Wiederherstellen ohne Rückfrage nur mit --yes.")
            if not _confirmed(
                f"Die Datenbank {db_path} wird durch die Sicherung {backup_file.name} ersetzt; "
                "die jetzige wird vorher beiseitegelegt. Fortfahren?"
            ):
                print("Nicht wiederhergestellt.")
                return EXIT_USER_ERROR
        result = restore_with_config(
            config, backup_file, acquire_lock=False, actor=command_line_actor()
        )
    if args.json:
        print_json(
            {
                "database": str(result.database),
                "restored_from": str(result.restored_from),
                "revision": result.revision,
                "kept_aside": str(result.kept_aside) if result.kept_aside else None,
                "previous_was_damaged": result.previous_was_damaged,
                "erasures_applied": result.erasures_applied,
                "erasures_recorded": result.erasures_recorded,
            }
        )
        return EXIT_OK
    print(f"Wiederhergestellt aus {result.restored_from.name} (Schema {result.revision}).")
    if result.kept_aside is not None:
        state = "beschädigte" if result.previous_was_damaged else "bisherige"
        print(f"Die {state} Datenbank liegt jetzt unter {result.kept_aside}.")
    if result.erasures_applied:
        print(
            f"{result.erasures_applied} Person(en), die seit dieser Sicherung gelöscht oder "
            "anonymisiert wurden, sind erneut gelöscht bzw. anonymisiert."
        )
    if result.erasures_recorded:
        print(f"{result.erasures_recorded} spätere Löschung(en) stehen wieder im Protokoll.")
    return EXIT_OK


def cmd_encrypt(args: argparse.Namespace) -> int:
    from srek_desk.db.backup import backups_in
    from srek_desk.db.encryption import (
        encrypt_database,
        is_encrypted_file,
        read_key_file,
        write_new_key_file,
    )
    from srek_desk.db.engine import database_url, sqlite_path
    from srek_desk.db.lock import DatabaseLock
    from srek_desk.services.core.database import (
        default_backup_folder,
        open_database,
        resolve_database_location,
    )

    config = load_config(args)
    location = resolve_database_location(config)
    db_path = sqlite_path(database_url(location))
    if db_path is None:
        raise UserError("Verschlüsseln über SREK Desk gibt es nur für SQLite-Datenbanken.")
    key_file = Path(args.key_file).expanduser().resolve()
    if is_encrypted_file(db_path):
        raise UserError(f"Die Datenbank {db_path} ist bereits verschlüsselt.")
    created = not key_file.exists()
    key = write_new_key_file(key_file) if created else read_key_file(key_file)
    if created:
        print(f"Neue Schlüsseldatei angelegt: {key_file} (nur für diese Benutzerkennung lesbar).")
    encrypted_backups = 0
    with DatabaseLock(db_path):
        if db_path.is_file() and db_path.stat().st_size > 0:
            encrypt_database(db_path, key)
        else:
            open_database(db_path, key=key).dispose()
        folder = default_backup_folder(location, config["backup.folder"])
        for backup, _name in backups_in(folder) if folder else []:
            if not is_encrypted_file(backup):
                encrypt_database(backup, key)
                encrypted_backups += 1
    print(f"Die Datenbank {db_path} ist jetzt verschlüsselt.")
    if encrypted_backups:
        print(f"{encrypted_backups} ältere Sicherung(en) wurden ebenfalls verschlüsselt.")
    print(
        "Wichtig: Ohne die Schlüsseldatei sind Datenbank und Sicherungen nicht mehr lesbar. "
        "Bitte die Schlüsseldatei getrennt sicher aufbewahren und jetzt in der "
        f"Maschinenkonfiguration ({paths.machine_config_dir() / CONFIG_FILE_NAME}) eintragen:\n"
        f'  [database]\n  key_file = "{key_file.as_posix()}"'
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = subparsers.add_parser("backup", help="Datenbank sichern (geprüft)")
    backup.add_argument(
        "-o", "--output", metavar="FILE", help="Zieldatei; Standard: der Sicherungsordner"
    )
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=cmd_backup)

    listing = subparsers.add_parser("backups", help="Sicherungen im Sicherungsordner auflisten")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_backups)

    restore = subparsers.add_parser(
        "restore", help="Datenbank aus einer Sicherung wiederherstellen"
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="ohne Rückfrage")
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=cmd_restore)

    encrypt = subparsers.add_parser(
        "encrypt", help="Datenbank mit SQLCipher verschlüsseln (Schlüsseldatei wird angelegt)"
    )
    encrypt.add_argument("--key-file", required=True, metavar="FILE")
    encrypt.set_defaults(handler=cmd_encrypt)
