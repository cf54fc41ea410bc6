"""Write the Group Policy templates srek-desk.admx, de-DE/srek-desk.adml and en-US/srek-desk.adml.

The policies are the registry values of `srek_desk.policy.REGISTRY_NAMES`, all under
HKLM\\Software\\Policies\\SREK\\Desk (computer configuration only: the settings are the
machine's, not a person's). Run after changing a policy or its text, and commit the result:

    .venv/bin/python packaging/windows/make_admx.py

`--check` exits 1 when the committed files differ from what this script writes (tests use it).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from srek_desk.config import setting  # noqa: E402
from srek_desk.policy import CHOICES, POLICY_KEY, REGISTRY_NAMES  # noqa: E402

NS = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
ADMX_NAME = "srek-desk"
REVISION = "1.0"


@dataclass(frozen=True)
class Category:
    name: str
    de: str
    en: str


CATEGORIES = (
    Category("SREKDesk", "SREK Desk", "SREK Desk"),
    Category("Database", "Datenbank und Sicherung", "Database and backups"),
    Category("Security", "Anmeldung und Protokoll", "Sign-in and audit"),
    Category("Retention", "Aufbewahrungsfristen", "Retention periods"),
    Category("Office", "Dienststelle", "Office"),
    Category("Interface", "Oberfläche und Protokolldatei", "User interface and log file"),
)


@dataclass(frozen=True)
class Policy:
    name: str  # registry value name, also the policy's and element's id
    category: str
    de_title: str
    de_help: str
    en_title: str
    en_help: str
    maximum: int = 9999  # decimal policies only
    expandable: bool = False  # text policies: REG_EXPAND_SZ, %ProgramData% etc. allowed

    @property
    def key(self) -> str:
        return REGISTRY_NAMES[self.name]

    @property
    def kind(self) -> str:
        if self.key in CHOICES:
            return "enum"
        return {str: "text", int: "decimal", bool: "boolean"}[setting(self.key).type]


_PATH_DE = " Umgebungsvariablen wie %ProgramData% sind erlaubt."
_PATH_EN = " Environment variables such as %ProgramData% are allowed."

POLICIES = (
    Policy(
        "DatabaseUrl",
        "Database",
        "Speicherort der Datenbank",
        "Pfad der SQLite-Datei (z. B. D:\\SREK\\srek-desk.sqlite3) oder eine SQLAlchemy-URL "
        "(postgresql://…). Netzlaufwerke werden für SQLite abgelehnt. Leer: die Datenbank im "
        "Benutzerprofil (%LOCALAPPDATA%\\SREK\\srek-desk).",
        "Database location",
        "Path of the SQLite file (e.g. D:\\SREK\\srek-desk.sqlite3) or an SQLAlchemy URL "
        "(postgresql://…). Network drives are refused for SQLite. Empty: the database in the "
        "user profile (%LOCALAPPDATA%\\SREK\\srek-desk).",
    ),
    Policy(
        "KeyFile",
        "Database",
        "Schlüsseldatei der Verschlüsselung",
        "Datei mit dem Schlüssel für die SQLCipher-Verschlüsselung der Datenbank. Erst setzen, "
        "nachdem die Datenbank mit „srek-desk encrypt --key-file DATEI“ verschlüsselt wurde."
        + _PATH_DE,
        "Encryption key file",
        "File holding the SQLCipher key of the database. Set it only after the database was "
        "encrypted with “srek-desk encrypt --key-file FILE”." + _PATH_EN,
        expandable=True,
    ),
    Policy(
        "BackupsToKeep",
        "Database",
        "Sicherungen vor Datenbank-Aktualisierungen",
        "Wie viele automatische Sicherungen (vor einer Schema-Aktualisierung) bleiben.",
        "Backups before database upgrades",
        "How many automatic backups (taken before a schema upgrade) are kept.",
        maximum=1000,
    ),
    Policy(
        "BackupFolder",
        "Database",
        "Ordner für Sicherungen",
        "Ordner für die täglichen Sicherungen. Leer: „backups“ neben der Datenbank." + _PATH_DE,
        "Backup folder",
        "Folder for the daily backups. Empty: “backups” next to the database." + _PATH_EN,
        expandable=True,
    ),
    Policy(
        "BackupDailyKeep",
        "Database",
        "Tägliche Sicherungen behalten",
        "Anzahl der täglichen Sicherungen, die bleiben.",
        "Daily backups kept",
        "Number of daily backups kept.",
        maximum=366,
    ),
    Policy(
        "BackupWeeklyKeep",
        "Database",
        "Wöchentliche Sicherungen behalten",
        "Anzahl der wöchentlichen Sicherungen (die neueste jeder Woche), die bleiben.",
        "Weekly backups kept",
        "Number of weekly backups (the newest of each week) kept.",
        maximum=520,
    ),
    Policy(
        "BackupWarnAfterDays",
        "Database",
        "Warnung bei alter Sicherung (Tage)",
        "Warnen, wenn die neueste Sicherung älter als so viele Tage ist.",
        "Warn about an old backup (days)",
        "Warn when the newest backup is older than this many days.",
        maximum=365,
    ),
    Policy(
        "MaxFailedLogins",
        "Security",
        "Fehlversuche bis zur Kontosperre",
        "Nach so vielen falschen Kennwörtern wird ein Konto vorübergehend gesperrt.",
        "Failed sign-ins before lockout",
        "After this many wrong passwords an account is locked for a while.",
        maximum=100,
    ),
    Policy(
        "LockoutMinutes",
        "Security",
        "Dauer der Kontosperre (Minuten)",
        "So lange bleibt ein gesperrtes Konto gesperrt.",
        "Lockout duration (minutes)",
        "How long a locked account stays locked.",
        maximum=1440,
    ),
    Policy(
        "IdleLockMinutes",
        "Security",
        "Sperre bei Inaktivität (Minuten)",
        "Das Fenster sperrt sich nach so vielen Minuten ohne Eingabe. 0: nie (nicht empfohlen).",
        "Lock when idle (minutes)",
        "The window locks after this many minutes without input. 0: never (not recommended).",
        maximum=1440,
    ),
    Policy(
        "MinPasswordLength",
        "Security",
        "Mindestlänge von Kennwörtern",
        "Kürzere Kennwörter werden abgelehnt.",
        "Minimum password length",
        "Shorter passwords are refused.",
        maximum=128,
    ),
    Policy(
        "LogViewing",
        "Security",
        "Ansehen von Klient:innen protokollieren",
        "Aktiviert: auch das bloße Öffnen einer Klient:in wird im Prüfprotokoll vermerkt "
        "(mit dem Personalrat abstimmen). Deaktiviert: nur Änderungen werden protokolliert.",
        "Log viewing of clients",
        "Enabled: merely opening a client is also recorded in the audit log (agree with the "
        "staff council first). Disabled: only changes are logged.",
    ),
    Policy(
        "RetentionInactiveClientMonths",
        "Retention",
        "Klient:innen ohne Kontakt löschen nach (Monate)",
        "Klient:innen ohne Kontakt werden nach so vielen Monaten zur Löschung fällig.",
        "Delete clients without contact after (months)",
        "Clients without contact become due for deletion after this many months.",
        maximum=240,
    ),
    Policy(
        "RetentionAnonymiseInstead",
        "Retention",
        "Anonymisieren statt löschen",
        "Aktiviert: fällige Klient:innen werden anonymisiert statt gelöscht.",
        "Anonymise instead of deleting",
        "Enabled: clients that are due are anonymised instead of deleted.",
    ),
    Policy(
        "RetentionNoteMonths",
        "Retention",
        "Beratungsnotizen löschen nach (Monate)",
        "Beratungsnotizen werden nach so vielen Monaten gelöscht.",
        "Delete counselling notes after (months)",
        "Counselling notes are deleted after this many months.",
        maximum=240,
    ),
    Policy(
        "RetentionPrintedSheetMonths",
        "Retention",
        "Vermerke gedruckter Bögen löschen nach (Monate)",
        "Vermerke über gedruckte Chancenbögen werden nach so vielen Monaten gelöscht.",
        "Delete printed-sheet records after (months)",
        "Records of printed opportunity sheets are deleted after this many months.",
        maximum=240,
    ),
    Policy(
        "RetentionAuditMonths",
        "Retention",
        "Prüfprotokoll löschen nach (Monate)",
        "Einträge im Prüfprotokoll werden nach so vielen Monaten gelöscht.",
        "Delete audit log entries after (months)",
        "Audit log entries are deleted after this many months.",
        maximum=240,
    ),
    Policy(
        "OfficeName",
        "Office",
        "Name der Dienststelle",
        "Erscheint auf den Chancenbögen und im Fenstertitel.",
        "Office name",
        "Shown on the opportunity sheets and in the window title.",
    ),
    Policy(
        "OfficeAddress",
        "Office",
        "Anschrift",
        "Postanschrift der Dienststelle in einer Zeile.",
        "Address",
        "Postal address of the office, one line.",
    ),
    Policy(
        "OfficePhone",
        "Office",
        "Telefon",
        "Telefonnummer der Dienststelle.",
        "Phone",
        "Phone number of the office.",
    ),
    Policy(
        "OfficeEmail",
        "Office",
        "E-Mail",
        "E-Mail-Adresse der Dienststelle.",
        "E-mail",
        "E-mail address of the office.",
    ),
    Policy(
        "OfficeOpeningHours",
        "Office",
        "Öffnungszeiten",
        "Öffnungszeiten, wie sie den Klient:innen gezeigt werden.",
        "Opening hours",
        "Opening hours as shown to clients.",
    ),
    Policy(
        "OfficeLogoPath",
        "Office",
        "Logo",
        "PNG- oder JPEG-Datei mit dem Logo für die Chancenbögen." + _PATH_DE,
        "Logo",
        "PNG or JPEG file with the logo for the opportunity sheets." + _PATH_EN,
        expandable=True,
    ),
    Policy(
        "OfficePostcode",
        "Office",
        "Postleitzahl der Dienststelle",
        "Mittelpunkt für Karten und Entfernungen (fünf Ziffern, z. B. 34117).",
        "Postcode of the office",
        "Centre for maps and distances (five digits, e.g. 34117).",
    ),
    Policy(
        "Language",
        "Interface",
        "Sprache der Oberfläche",
        "Deutsch oder Englisch.",
        "User interface language",
        "German or English.",
    ),
    Policy(
        "OfferDemoData",
        "Interface",
        "Demodaten anbieten",
        "Aktiviert: bei leerer Datenbank werden erfundene Demodaten angeboten. Für den "
        "Echtbetrieb deaktivieren.",
        "Offer demo data",
        "Enabled: an empty database offers fictitious demo data. Disable for production use.",
    ),
    Policy(
        "LogLevel",
        "Interface",
        "Protokollstufe",
        "Ausführlichkeit der Protokolldatei. Die Protokolldatei enthält keine personenbezogenen "
        "Daten.",
        "Log level",
        "Detail of the log file. The log file holds no personal data.",
    ),
)

_CHOICE_TEXT = {
    "de": {"de": "Deutsch", "en": "Englisch"},
    "en": {"de": "German", "en": "English"},
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _default_text(policy: Policy, language: str) -> str:
    default = setting(policy.key).default
    if isinstance(default, bool):
        word = {("de", True): "aktiviert", ("de", False): "deaktiviert"}
        word |= {("en", True): "enabled", ("en", False): "disabled"}
        shown = word[(language, default)]
    elif default == "":
        shown = "leer" if language == "de" else "empty"
    else:
        shown = str(default)
    if language == "de":
        return (
            f"\n\nEinstellung „{policy.key}“, Registrierungswert {policy.name}. Aktiviert: gilt "
            "vor allen anderen Einstellungen, auch vor Benutzer-Einstellungen und der "
            f"Befehlszeile. Nicht konfiguriert: es gilt die Konfiguration (Vorgabe: {shown})."
        )
    return (
        f"\n\nSetting “{policy.key}”, registry value {policy.name}. "
        f"Not configured: the configuration file applies (default: {shown})."
    )


def build_admx() -> ET.Element:
    root = ET.Element(f"{{{NS}}}policyDefinitions", revision=REVISION, schemaVersion="1.0")
    namespaces = _sub(root, "policyNamespaces")
    _sub(namespaces, "target", prefix="srekdesk", namespace="SREK.Policies.Desk")
    _sub(root, "resources", minRequiredRevision=REVISION)
    supported = _sub(_sub(root, "supportedOn"), "definitions")
    _sub(supported, "definition", name="SUPPORTED_SREKDesk", displayName="$(string.Supported)")
    categories = _sub(root, "categories")
    for category in CATEGORIES:
        element = _sub(
            categories,
            "category",
            name=category.name,
            displayName=f"$(string.Cat_{category.name})",
        )
        if category.name != "SREKDesk":
            _sub(element, "parentCategory", ref="SREKDesk")
    policies = _sub(root, "policies")
    for policy in POLICIES:
        attrs = {
            "name": policy.name,
            "class": "Machine",
            "displayName": f"$(string.{policy.name})",
            "explainText": f"$(string.{policy.name}_Help)",
            "key": POLICY_KEY,
        }
        if policy.kind == "boolean":
            attrs["valueName"] = policy.name
        else:
            attrs["presentation"] = f"$(presentation.{policy.name})"
        element = _sub(policies, "policy", **attrs)
        _sub(element, "parentCategory", ref=policy.category)
        _sub(element, "supportedOn", ref="SUPPORTED_SREKDesk")
        if policy.kind == "boolean":
            _sub(_sub(element, "enabledValue"), "decimal", value="1")
            _sub(_sub(element, "disabledValue"), "decimal", value="0")
            continue
        elements = _sub(element, "elements")
        if policy.kind == "text":
            text_attrs = {"id": policy.name, "valueName": policy.name, "maxLength": "1023"}
            if policy.expandable:
                text_attrs["expandable"] = "true"
            _sub(elements, "text", **text_attrs)
        elif policy.kind == "decimal":
            _sub(
                elements,
                "decimal",
                id=policy.name,
                valueName=policy.name,
                required="true",
                minValue="0",
                maxValue=str(policy.maximum),
            )
        else:
            enum = _sub(elements, "enum", id=policy.name, valueName=policy.name, required="true")
            for choice in CHOICES[policy.key]:
                item = _sub(enum, "item", displayName=f"$(string.{policy.name}_{choice})")
                _sub(_sub(item, "value"), "string", choice)
    return root


def build_adml(language: str) -> ET.Element:
    de = language == "de"
    root = ET.Element(f"{{{NS}}}policyDefinitionResources", revision=REVISION, schemaVersion="1.0")
    _sub(root, "displayName", "SREK Desk")
    _sub(
        root,
        "description",
        "Richtlinien für SREK Desk" if de else "Policies for SREK Desk",
    )
    resources = _sub(root, "resources")
    strings = _sub(resources, "stringTable")
    _sub(
        strings,
        "string",
        "SREK Desk ab Version 0.1" if de else "SREK Desk 0.1 or later",
        id="Supported",
    )
    for category in CATEGORIES:
        _sub(strings, "string", category.de if de else category.en, id=f"Cat_{category.name}")
    for policy in POLICIES:
        _sub(strings, "string", policy.de_title if de else policy.en_title, id=policy.name)
        help_text = (policy.de_help if de else policy.en_help) + _default_text(
            policy, "de" if de else "en"
        )
        _sub(strings, "string", help_text, id=f"{policy.name}_Help")
        if policy.kind == "enum":
            for choice in CHOICES[policy.key]:
                label = _CHOICE_TEXT["de" if de else "en"].get(choice, choice)
                _sub(strings, "string", label, id=f"{policy.name}_{choice}")
    presentations = _sub(resources, "presentationTable")
    for policy in POLICIES:
        if policy.kind == "boolean":
            continue
        presentation = _sub(presentations, "presentation", id=policy.name)
        title = policy.de_title if de else policy.en_title
        if policy.kind == "text":
            box = _sub(presentation, "textBox", refId=policy.name)
            _sub(box, "label", f"{title}:")
        elif policy.kind == "decimal":
            _sub(
                presentation,
                "decimalTextBox",
                f"{title}:",
                refId=policy.name,
                defaultValue=str(setting(policy.key).default),
            )
        else:
            default_index = CHOICES[policy.key].index(setting(policy.key).default)
            _sub(
                presentation,
                "dropdownList",
                f"{title}:",
                refId=policy.name,
                noSort="true",
                defaultItem=str(default_index),
            )
    return root


def _serialise(root: ET.Element) -> str:
    ET.register_namespace("", NS)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def rendered() -> dict[Path, str]:
    """Relative path → file text of the three templates."""
    missing = set(REGISTRY_NAMES) - {p.name for p in POLICIES}
    if missing:
        raise SystemExit(f"make_admx.py: no policy text for {sorted(missing)}")
    return {
        Path(f"{ADMX_NAME}.admx"): _serialise(build_admx()),
        Path("de-DE") / f"{ADMX_NAME}.adml": _serialise(build_adml("de")),
        Path("en-US") / f"{ADMX_NAME}.adml": _serialise(build_adml("en")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: beside me)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is stale")
    args = parser.parse_args(argv)
    stale = []
    for relative, text in rendered().items():
        target = args.out / relative
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(str(target))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"written: {target}")
    if stale:
        print("stale (run packaging/windows/make_admx.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
