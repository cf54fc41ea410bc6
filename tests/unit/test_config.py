"""Settings: four layers with the documented precedence, typed values, German errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from srek_desk.config import SETTINGS, Config, read_config_file, write_user_config
from srek_desk.errors import UserError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_precedence_machine_user_environment_command_line(tmp_path: Path) -> None:
    machine = _write(
        tmp_path / "m.toml",
        '[office]\nname = "Maschine"\nphone = "0561 1"\nemail = "m@example.org"\n[commute]\ncar_speed_kmh = 50\n',
    )
    user = _write(tmp_path / "u.toml", '[office]\nname = "Benutzer"\nphone = "0561 2"\n')
    environ = {"SREK_OFFICE_NAME": "Umgebung"}
    config = Config.load(
        machine_file=machine, user_file=user, environ=environ, overrides={"office.name": "Befehl"}
    )
    assert config["office.name"] == "Befehl"
    assert config["office.phone"] == "0561 2"
    assert config["office.email"] == "m@example.org"
    assert config["commute.car_speed_kmh"] == 50.0
    assert isinstance(config["commute.car_speed_kmh"], float)
    assert config.source("office.phone").startswith("Benutzerkonfiguration")
    without_cli = Config.load(machine_file=machine, user_file=user, environ=environ)
    assert without_cli["office.name"] == "Umgebung"


def test_srek_db_environment_variable_sets_database(tmp_path: Path) -> None:
    config = Config.load(
        machine_file=tmp_path / "none.toml",
        user_file=tmp_path / "none2.toml",
        environ={"SREK_DB": "/data/office.sqlite3"},
    )
    assert config["database.url"] == "/data/office.sqlite3"


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = Config.load(machine_file=tmp_path / "a", user_file=tmp_path / "b", environ={})
    for setting in SETTINGS:
        assert config[setting.key] == setting.default


def test_wrong_type_gives_german_message_naming_the_key(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.toml", '[commute]\ncar_speed_kmh = "schnell"\n')
    with pytest.raises(UserError, match=r"commute\.car_speed_kmh.*kein gültiger Wert"):
        read_config_file(bad)


def test_broken_toml_is_reported(tmp_path: Path) -> None:
    bad = _write(tmp_path / "broken.toml", "[office\nname = ")
    with pytest.raises(UserError, match="fehlerhaft"):
        read_config_file(bad)


def test_bool_from_environment_accepts_german_words(tmp_path: Path) -> None:
    config = Config.load(
        machine_file=tmp_path / "a",
        user_file=tmp_path / "b",
        environ={"SREK_UI_OFFER_DEMO_DATA": "nein"},
    )
    assert config["ui.offer_demo_data"] is False


def test_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        Config.defaults()["office.nonsense"]


def test_write_user_config_round_trip_keeps_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "user.toml"
    write_user_config({"office.name": 'Büro "Nord"', "commute.bike_speed_kmh": 17.5}, path)
    write_user_config({"office.phone": "05541 123"}, path)
    values = read_config_file(path)
    assert values == {
        "office.name": 'Büro "Nord"',
        "commute.bike_speed_kmh": 17.5,
        "office.phone": "05541 123",
    }
