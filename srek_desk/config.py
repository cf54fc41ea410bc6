"""Typed settings, declared once with type and default, read from four layers.

Precedence (later wins): installer values (Windows registry) < machine config (IT staff) < user
config < environment < command line < Group Policy (Windows registry, see `srek_desk.policy`).
Files are TOML with dotted keys grouped in tables, e.g. ``[office] name = "Agentur Kassel"``.
Environment variables are ``SREK_`` plus the key in upper case with dots as underscores
(``SREK_OFFICE_NAME``); ``SREK_DB`` is the short form of ``database.url``.
The settings themselves (`Setting`, `SETTINGS`, `setting`) are declared in
`srek_desk.settings_schema` and re-exported here.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from srek_desk import paths, policy
from srek_desk.errors import UserError
from srek_desk.settings_schema import SETTINGS, SETTINGS_BY_KEY, Setting, coerce, setting

CONFIG_FILE_NAME = "config.toml"
CONFIG_SCHEMA_VERSION = 1


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


def read_config_file(path: Path) -> dict[str, Any]:
    """Read one TOML layer; unknown keys are ignored (a newer version may have written them)."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"Die Konfigurationsdatei {path} ist fehlerhaft: {exc}") from exc
    except OSError as exc:
        raise UserError(f"Die Konfigurationsdatei {path} kann nicht gelesen werden: {exc}") from exc
    flat = _flatten(data)
    flat.pop("schema", None)
    return {
        k: coerce(SETTINGS_BY_KEY[k], v, str(path)) for k, v in flat.items() if k in SETTINGS_BY_KEY
    }


class Config:
    """Resolved settings plus where each value came from."""

    def __init__(self, values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._sources = dict(sources)

    @classmethod
    def defaults(cls) -> Config:
        return cls({s.key: s.default for s in SETTINGS}, {s.key: "default" for s in SETTINGS})

    @classmethod
    def load(
        cls,
        *,
        machine_file: Path | None = None,
        user_file: Path | None = None,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
        registry: Callable[[str], Mapping[str, object]] | None = None,
    ) -> Config:
        """`registry` returns the values of one HKLM key (`srek_desk.policy`); None: Windows' own."""
        registry = registry or policy.default_reader()
        machine_file = machine_file or paths.machine_config_dir() / CONFIG_FILE_NAME
        user_file = user_file or paths.user_config_dir() / CONFIG_FILE_NAME
        environ = os.environ if environ is None else environ
        config = cls.defaults()
        config._apply(policy.read_installer_settings(registry), policy.INSTALLER_ORIGIN)
        for origin, layer in (
            (f"Maschinenkonfiguration {machine_file}", read_config_file(machine_file)),
            (f"Benutzerkonfiguration {user_file}", read_config_file(user_file)),
        ):
            config._apply(layer, origin)
        env_layer: dict[str, Any] = {}
        for spec in SETTINGS:
            if spec.env_name in environ:
                env_layer[spec.key] = coerce(spec, environ[spec.env_name], spec.env_name)
        if environ.get("SREK_DB"):
            env_layer["database.url"] = environ["SREK_DB"]
        config._apply(env_layer, "Umgebung")
        config._apply(
            {k: coerce(setting(k), v, "Befehlszeile") for k, v in (overrides or {}).items()},
            "Befehlszeile",
        )
        # Group Policy wins over everything, the command line included: that is its purpose.
        config._apply(policy.read_policy_settings(registry), policy.POLICY_ORIGIN)
        return config

    def _apply(self, layer: Mapping[str, Any], origin: str) -> None:
        for key, value in layer.items():
            self._values[key] = value
            self._sources[key] = origin

    def __getitem__(self, key: str) -> Any:
        setting(key)
        return self._values[key]

    def get(self, key: str) -> Any:
        return self[key]

    def source(self, key: str) -> str:
        return self._sources[key]

    def with_values(self, **values: Any) -> Config:
        """A copy with some keys replaced (keys use '__' for '.': office__name=...)."""
        changed = {k.replace("__", "."): v for k, v in values.items()}
        copy = Config(self._values, self._sources)
        copy._apply({k: coerce(setting(k), v, "Programm") for k, v in changed.items()}, "Programm")
        return copy

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def write_user_config(values: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write the given settings into the user config file, keeping the other keys there."""
    path = path or paths.user_config_dir() / CONFIG_FILE_NAME
    current = read_config_file(path)
    for key, value in values.items():
        current[key] = coerce(setting(key), value, "Programm")
    tables: dict[str, dict[str, Any]] = {}
    for key, value in sorted(current.items()):
        table, _, name = key.rpartition(".")
        tables.setdefault(table, {})[name] = value
    lines = [f"schema = {CONFIG_SCHEMA_VERSION}", ""]
    for table, entries in tables.items():
        lines.append(f"[{table}]")
        lines.extend(f"{name} = {_toml_value(value)}" for name, value in entries.items())
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(path)
    return path


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    # TOML basic strings: backslash and quote escaped, every control character as \uXXXX.
    escaped = "".join(
        "\\\\"
        if ch == "\\"
        else '\\"'
        if ch == '"'
        else f"\\u{ord(ch):04x}"
        if ord(ch) < 0x20 or ord(ch) == 0x7F
        else ch
        for ch in str(value)
    )
    return f'"{escaped}"'


__all__ = [
    "CONFIG_FILE_NAME",
    "CONFIG_SCHEMA_VERSION",
    "SETTINGS",
    "Config",
    "Setting",
    "read_config_file",
    "setting",
    "write_user_config",
]
