"""Group Policy and installer values from the Windows registry (faked), and the ADMX templates."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import pytest

from srek_desk import policy
from srek_desk.config import SETTINGS, Config
from srek_desk.policy import INSTALLER_KEY, POLICY_KEY, REGISTRY_NAMES
from tests.packaging.conftest import PACKAGING

WINDOWS = PACKAGING / "windows"
ADMX_NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


class FakeRegistry:
    """HKLM as a dict: key path → value name → value (str for REG_SZ, int for REG_DWORD)."""

    def __init__(self, keys: Mapping[str, Mapping[str, object]]) -> None:
        self.keys = {k: dict(v) for k, v in keys.items()}

    def __call__(self, key: str) -> Mapping[str, object]:
        return self.keys.get(key, {})


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def layers(tmp_path: Path) -> dict[str, object]:
    """Machine and user config files, environment and command line all setting office.name."""
    machine = _write(tmp_path / "machine.toml", '[office]\nname = "Maschine"\n')
    user = _write(
        tmp_path / "user.toml", '[office]\nname = "Benutzer"\n[security]\nidle_lock_minutes = 30\n'
    )
    return {
        "machine_file": machine,
        "user_file": user,
        "environ": {"SREK_OFFICE_NAME": "Umgebung", "SREK_DB": "/env/db.sqlite3"},
        "overrides": {"office.name": "Befehl", "database.url": "/cli/db.sqlite3"},
    }


def test_policy_wins_over_every_other_layer(layers: dict[str, object]) -> None:
    registry = FakeRegistry(
        {
            POLICY_KEY: {
                "OfficeName": "Agentur Kassel (Richtlinie)",
                "DatabaseUrl": r"D:\SREK\srek-desk.sqlite3",
                "IdleLockMinutes": 5,  # REG_DWORD
                "LogViewing": 1,
                "Language": "EN",
            }
        }
    )
    config = Config.load(registry=registry, **layers)  # type: ignore[arg-type]
    assert config["office.name"] == "Agentur Kassel (Richtlinie)"
    assert config["database.url"] == r"D:\SREK\srek-desk.sqlite3"
    assert config["security.idle_lock_minutes"] == 5
    assert config["audit.log_viewing"] is True
    assert config["ui.language"] == "en"
    assert config.source("office.name") == policy.POLICY_ORIGIN
    assert "Gruppenrichtlinie" in config.source("security.idle_lock_minutes")
    # What the policy leaves alone keeps its usual source.
    assert config["sheet.default_offers"] == 5
    assert config.source("sheet.default_offers") == "default"


def test_without_policy_the_usual_layers_apply(layers: dict[str, object]) -> None:
    config = Config.load(registry=FakeRegistry({}), **layers)  # type: ignore[arg-type]
    assert config["office.name"] == "Befehl"
    assert config["database.url"] == "/cli/db.sqlite3"
    assert config["security.idle_lock_minutes"] == 30


def test_installer_values_are_the_lowest_layer(tmp_path: Path) -> None:
    registry = FakeRegistry(
        {INSTALLER_KEY: {"OfficeName": "Vom Installationspaket", "DatabaseUrl": "D:/SREK/a.db"}}
    )
    none = tmp_path / "none.toml"
    config = Config.load(machine_file=none, user_file=none, environ={}, registry=registry)
    assert config["office.name"] == "Vom Installationspaket"
    assert config["database.url"] == "D:/SREK/a.db"
    assert config.source("office.name") == policy.INSTALLER_ORIGIN

    machine = _write(tmp_path / "machine.toml", '[office]\nname = "Maschine"\n')
    config = Config.load(machine_file=machine, user_file=none, environ={}, registry=registry)
    assert config["office.name"] == "Maschine", "the ProgramData config.toml beats the MSI"
    assert config["database.url"] == "D:/SREK/a.db"


def test_empty_installer_values_mean_not_given(tmp_path: Path) -> None:
    # The MSI writes DatabaseUrl="" when DATABASE_URL was not passed.
    registry = FakeRegistry({INSTALLER_KEY: {"DatabaseUrl": "", "OfficeName": "  "}})
    none = tmp_path / "none.toml"
    config = Config.load(machine_file=none, user_file=none, environ={}, registry=registry)
    assert config["database.url"] == ""
    assert config.source("database.url") == "default"
    assert config["office.name"] == "Beratungsstelle"


def test_an_empty_policy_text_is_a_value(tmp_path: Path) -> None:
    """A policy may force the default location: DatabaseUrl enabled with an empty text."""
    registry = FakeRegistry({POLICY_KEY: {"DatabaseUrl": ""}})
    none = tmp_path / "none.toml"
    config = Config.load(
        machine_file=none, user_file=none, environ={"SREK_DB": "/x.db"}, registry=registry
    )
    assert config["database.url"] == ""
    assert config.source("database.url") == policy.POLICY_ORIGIN


def test_value_names_ignore_case() -> None:
    registry = FakeRegistry({POLICY_KEY: {"officename": "klein", "IDLELOCKMINUTES": "7"}})
    assert policy.read_policy_settings(registry) == {
        "office.name": "klein",
        "security.idle_lock_minutes": 7,
    }


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("Mittagspause", "12", "Unbekannter Wert"),
        ("IdleLockMinutes", "bald", "passt nicht"),
        ("IdleLockMinutes", -1, "negativ"),
        ("LogViewing", 2, "passt nicht"),
        ("Language", "fr", "nicht möglich"),
        ("LogLevel", "LAUT", "nicht möglich"),
        ("OfficeName", b"\x00\x01", "Nur Text"),
        ("OfficeName", ["a", "b"], "Nur Text"),
    ],
)
def test_unknown_or_invalid_values_warn_in_german_and_are_ignored(
    name: str, value: object, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    registry = FakeRegistry({POLICY_KEY: {name: value, "MaxFailedLogins": 3}})
    with caplog.at_level(logging.WARNING, logger="srek_desk.policy"):
        layer = policy.read_policy_settings(registry)
    assert layer == {"security.max_failed_logins": 3}, "the good value still applies"
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(messages) == 1
    assert reason in messages[0]
    assert "Gruppenrichtlinie" in messages[0] and "ignoriert" in messages[0]
    assert name in messages[0]


def test_invalid_policy_does_not_stop_the_app(tmp_path: Path) -> None:
    registry = FakeRegistry({POLICY_KEY: {"IdleLockMinutes": "nie"}})
    none = tmp_path / "none.toml"
    config = Config.load(machine_file=none, user_file=none, environ={}, registry=registry)
    assert config["security.idle_lock_minutes"] == 10


def test_unreadable_registry_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    def broken(key: str) -> Mapping[str, object]:
        raise PermissionError("Zugriff verweigert")

    with caplog.at_level(logging.WARNING, logger="srek_desk.policy"):
        assert policy.read_policy_settings(broken) == {}
    assert "kann nicht gelesen werden" in caplog.text


@pytest.mark.skipif(sys.platform == "win32", reason="there is a registry on Windows")
def test_no_registry_outside_windows(tmp_path: Path) -> None:
    assert policy.default_reader() is None
    assert policy.windows_registry_reader(POLICY_KEY) == {}
    none = tmp_path / "none.toml"
    config = Config.load(machine_file=none, user_file=none, environ={})
    assert config.as_dict() == Config.defaults().as_dict()


def test_every_registry_name_is_a_setting() -> None:
    keys = {s.key for s in SETTINGS}
    assert set(REGISTRY_NAMES.values()) <= keys
    assert len(set(REGISTRY_NAMES.values())) == len(REGISTRY_NAMES)
    assert all(re.fullmatch(r"[A-Z][A-Za-z]+", name) for name in REGISTRY_NAMES)


# -- the ADMX/ADML templates -------------------------------------------------------------------


def _admx() -> ET.Element:
    return ET.parse(WINDOWS / "srek-desk.admx").getroot()


def _adml(language: str) -> ET.Element:
    return ET.parse(WINDOWS / language / "srek-desk.adml").getroot()


def test_admx_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(WINDOWS / "make_admx.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_admx_policies_are_the_registry_names() -> None:
    policies = _admx().findall(".//p:policies/p:policy", ADMX_NS)
    value_names = set()
    for element in policies:
        assert element.get("class") == "Machine"
        assert element.get("key") == POLICY_KEY
        names = {element.get("valueName")} | {
            child.get("valueName") for child in element.iterfind("p:elements/*", ADMX_NS)
        }
        names.discard(None)
        assert len(names) == 1, element.get("name")
        value_names |= names
    assert value_names == set(REGISTRY_NAMES)


@pytest.mark.parametrize("language", ["de-DE", "en-US"])
def test_adml_has_every_string_and_presentation(language: str) -> None:
    admx_text = (WINDOWS / "srek-desk.admx").read_text(encoding="utf-8")
    adml = _adml(language)
    strings = {s.get("id") for s in adml.iterfind(".//p:stringTable/p:string", ADMX_NS)}
    presentations = {
        p.get("id"): p for p in adml.iterfind(".//p:presentationTable/p:presentation", ADMX_NS)
    }
    assert set(re.findall(r"\$\(string\.([^)]+)\)", admx_text)) <= strings
    assert set(re.findall(r"\$\(presentation\.([^)]+)\)", admx_text)) == set(presentations)
    for element in _admx().findall(".//p:policies/p:policy", ADMX_NS):
        ids = {child.get("id") for child in element.iterfind("p:elements/*", ADMX_NS)}
        if not ids:
            continue
        presentation = presentations[element.get("name", "")]
        assert {child.get("refId") for child in presentation} == ids


def test_adml_languages_match() -> None:
    def ids(language: str) -> set[str | None]:
        return {s.get("id") for s in _adml(language).iter()}

    assert ids("de-DE") == ids("en-US")


def test_admin_guide_documents_every_registry_name() -> None:
    guide = (PACKAGING / "ADMIN.md").read_text(encoding="utf-8")
    for name, key in REGISTRY_NAMES.items():
        assert re.search(rf"`{name}`.*`{re.escape(key)}`", guide), name
    assert POLICY_KEY in guide and INSTALLER_KEY in guide
