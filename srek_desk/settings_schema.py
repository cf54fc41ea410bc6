"""The declared settings (key, type, default, description) and how a raw value becomes one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from srek_desk.errors import UserError


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str

    @property
    def env_name(self) -> str:
        return "SREK_" + self.key.upper().replace(".", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting("database.url", str, "", "SQLite file path or SQLAlchemy URL; empty: user data dir"),
    Setting("database.backups_to_keep", int, 10, "Automatic backups kept before the oldest go"),
    Setting("database.key_file", str, "", "SQLCipher: file holding the key; empty: no encryption"),
    Setting(
        "database.admin_url", str, "", "PostgreSQL: URL of the role that migrates; empty: none"
    ),
    Setting("database.password_file", str, "", "PostgreSQL: libpq password file (.pgpass)"),
    Setting("database.sslmode", str, "", "PostgreSQL TLS: disable … verify-full; empty: libpq"),
    Setting("database.sslrootcert", str, "", "PostgreSQL TLS: CA certificate file"),
    Setting("database.sslcert", str, "", "PostgreSQL TLS: client certificate file"),
    Setting("database.sslkey", str, "", "PostgreSQL TLS: client key file"),
    Setting("database.connect_timeout", int, 10, "PostgreSQL: seconds to wait for the server"),
    Setting("backup.folder", str, "", "Folder for automatic backups; empty: next to the database"),
    Setting("backup.daily_keep", int, 7, "Daily backups kept"),
    Setting("backup.weekly_keep", int, 4, "Weekly backups kept (the newest of each week)"),
    Setting("backup.warn_after_days", int, 3, "Warn when the newest backup is older than this"),
    Setting("security.max_failed_logins", int, 5, "Failed logins before an account is locked"),
    Setting("security.lockout_minutes", int, 15, "How long a locked account stays locked"),
    Setting("security.idle_lock_minutes", int, 10, "Lock the window after inactivity; 0: never"),
    Setting("security.min_password_length", int, 10, "Shortest password accepted"),
    Setting("audit.log_viewing", bool, False, "Also log who opened a client (staff council)"),
    Setting("retention.inactive_client_months", int, 24, "Clients without contact: delete after"),
    Setting(
        "retention.anonymise_instead", bool, False, "Anonymise due clients instead of deleting"
    ),
    Setting("retention.note_months", int, 24, "Counselling notes: delete after (months)"),
    Setting("retention.printed_sheet_months", int, 12, "Printed-sheet records: delete after"),
    Setting("retention.audit_months", int, 36, "Audit log entries: delete after (months)"),
    Setting(
        "office.name", str, "Beratungsstelle", "Name of the office, on sheets and in the title"
    ),
    Setting("office.address", str, "", "Postal address, one line"),
    Setting("office.phone", str, "", "Phone number of the office"),
    Setting("office.email", str, "", "E-mail address of the office"),
    Setting("office.opening_hours", str, "", "Opening hours as shown to clients"),
    Setting("office.logo_path", str, "", "PNG or JPEG logo for sheets"),
    Setting(
        "office.postcode", str, "34117", "Postcode of the office, centre for maps and distances"
    ),
    Setting("ui.language", str, "de", "User interface language: de or en"),
    Setting("ui.offer_demo_data", bool, True, "Offer demo data when the database is empty"),
    Setting("ui.refresh_seconds", int, 20, "Shared server: reload lists others changed, every"),
    Setting("logging.level", str, "INFO", "DEBUG, INFO, WARNING or ERROR"),
    # Commute estimate: straight-line distance times a detour factor at an average speed,
    # plus a fixed access time (walking to the stop / car park). Values from typical
    # rural/small-town conditions in the region; offices may tune them.
    Setting("commute.car_detour_factor", float, 1.3, "Road distance / straight-line distance"),
    Setting("commute.car_speed_kmh", float, 55.0, "Average door-to-door car speed"),
    Setting("commute.car_access_minutes", float, 4.0, "Parking and walking, car"),
    Setting(
        "commute.pt_detour_factor", float, 1.45, "Route distance / straight line, bus and train"
    ),
    Setting(
        "commute.pt_speed_kmh", float, 30.0, "Average in-vehicle speed incl. stops and changes"
    ),
    Setting("commute.pt_access_minutes", float, 15.0, "Walk to stop, average waiting time"),
    Setting("commute.bike_detour_factor", float, 1.25, "Route distance / straight line, bike"),
    Setting("commute.bike_speed_kmh", float, 15.0, "Average cycling speed"),
    Setting("commute.bike_access_minutes", float, 2.0, "Getting the bike ready"),
    Setting("commute.walk_detour_factor", float, 1.2, "Walked distance / straight line"),
    Setting("commute.walk_speed_kmh", float, 4.5, "Average walking speed"),
    Setting("commute.walk_access_minutes", float, 2.0, "Leaving the house, crossings, on foot"),
    Setting(
        "commute.arrive_by",
        str,
        "07:30",
        "Arrival time (HH:MM) the bus-and-train connection must make, unless the client has one",
    ),
    Setting("matching.weight_occupation", float, 40.0, "Weight of the occupation in the score"),
    Setting("matching.weight_commute", float, 25.0, "Weight of the commute in the score"),
    Setting("matching.weight_qualification", float, 15.0, "Weight of school/vocational fit"),
    Setting("matching.weight_start", float, 8.0, "Weight of the start date"),
    Setting("matching.weight_working_time", float, 7.0, "Weight of full/part time fit"),
    Setting("matching.weight_language", float, 5.0, "Weight of the German level fit"),
    Setting(
        "matching.near_miss_extra_minutes",
        float,
        30.0,
        "Commute beyond the maximum still shown as near miss",
    ),
    Setting("matching.weight_skills", float, 5.0, "Weight of the desirable skills a client has"),
    Setting(
        "matching.stale_after_days",
        int,
        30,
        "Days after its last confirmation when an offer counts as stale",
    ),
    Setting(
        "matching.new_chance_min_score", float, 70.0, "Lowest score of a new chance after imports"
    ),
    Setting("reminders.no_contact_days", int, 42, "Remind when a client had no contact this long"),
    Setting(
        "reminders.apprenticeship_start_days",
        int,
        90,
        "Remind this many days before an apprenticeship start without a placement",
    ),
    Setting(
        "reminders.deadline_days",
        int,
        7,
        "Remind when a proposed offer's application deadline is this close",
    ),
    Setting("sheet.default_offers", int, 5, "Offers on a new opportunity sheet"),
    Setting("sheet.default_language", str, "de", "Language of a new sheet: de, de-simple or en"),
    Setting(
        "import.hrbaxml_schema_dir",
        str,
        "",
        "Folder with the BA's HR-BA-XML schema files (XSD); empty: files are checked structurally",
    ),
    Setting(
        "jobboerse.base_url",
        str,
        "https://rest.arbeitsagentur.de/jobboerse/jobsuche-service",
        "Base URL of the BA Jobsuche API (an office gateway or a test server may stand in)",
    ),
    Setting(
        "jobboerse.api_key",
        str,
        "jobboerse-jobsuche",
        "X-API-Key sent to the Jobsuche API (the BA's public client id by default)",
    ),
    Setting(
        "timetable.region_km",
        float,
        120.0,
        "Timetable import keeps stops within this many km of the office postcode; 0: all",
    ),
)

SETTINGS_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return SETTINGS_BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}") from None


def coerce(spec: Setting, value: Any, origin: str) -> Any:
    if spec.type is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "ja", "on"}:
            return True
        if text in {"0", "false", "no", "nein", "off"}:
            return False
    else:
        try:
            if spec.type is str:
                return str(value)
            if spec.type is int and not isinstance(value, bool):
                return int(value)
            if spec.type is float and not isinstance(value, bool):
                return float(str(value).replace(",", "."))
        except (TypeError, ValueError):
            pass
    raise UserError(
        f"Einstellung „{spec.key}“ in {origin}: „{value}“ ist kein gültiger Wert "
        f"(erwartet: {_TYPE_NAMES.get(spec.type, spec.type.__name__)})."
    )


_TYPE_NAMES = {str: "Text", int: "ganze Zahl", float: "Zahl", bool: "ja/nein"}
