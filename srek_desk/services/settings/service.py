"""What the Einstellungen page edits: settings per group, pathway templates, related occupations.

- Settings: `settings_of(config, group)` lists the keys of a group ("office", "commute",
  "matching", "sheet") with value, default and where the value comes from;
  `validate_settings(values)` gives German field errors (field = setting key);
  `save_settings(values)` writes them into the user config file and returns the reloaded Config
  (machine config < user config < environment: a value set by IT via the environment still wins,
  which `SettingValue.source` shows).
- Pathway templates ("Dein Weg" on the sheet): `effective_templates()` are the shipped texts
  overlaid by the office copy; `save_templates(...)` writes the office copy
  (user config dir / pathway_templates.json, picked up by the sheet service) after checking that
  each text keeps exactly the placeholders of the shipped one ({employer}, {deadline} …).
- Related occupations: `list_related`, `add_related`, `remove_related` in
  srek_desk.services.offers.reference_tables.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from srek_desk import paths
from srek_desk.config import SETTINGS, Config, setting, write_user_config
from srek_desk.errors import UserError
from srek_desk.matching.transit import parse_clock
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.validation import EMAIL_PATTERN, FieldError, ValidationError
from srek_desk.sheets.data import LANGUAGES as SHEET_LANGUAGES
from srek_desk.sheets.pathway import TEMPLATE_KEYS, load_templates, shipped_templates_path

GROUPS: dict[str, str] = {
    "office": "Beratungsstelle",
    "commute": "Fahrzeiten",
    "matching": "Gewichtung beim Abgleich",
    "sheet": "Chancenblatt",
    "ui": "Programm",
    "reminders": "Erinnerungen",
}
OFFICE_TEMPLATES_FILE = "pathway_templates.json"
MAX_SHEET_OFFERS = 10
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")

# (minimum, maximum) per key suffix; values outside are typing mistakes, not office choices.
_RANGES: dict[str, tuple[float, float]] = {
    "detour_factor": (1.0, 3.0),
    "speed_kmh": (3.0, 150.0),
    "access_minutes": (0.0, 60.0),
    "near_miss_extra_minutes": (0.0, 120.0),
    "default_offers": (1, MAX_SHEET_OFFERS),
    "stale_after_days": (1, 365),
    "new_chance_min_score": (0.0, 100.0),
    "no_contact_days": (1, 365),
    "apprenticeship_start_days": (1, 365),
    "deadline_days": (1, 90),
}
_WEIGHT_RANGE = (0.0, 100.0)
_EXPECTED = {int: "eine ganze Zahl", float: "eine Zahl", bool: "ja oder nein"}
_KEYS = frozenset(s.key for s in SETTINGS)
_WEIGHTS = frozenset(k for k in _KEYS if k.startswith("matching.weight_"))
# Settings are saved as TOML, whose strings allow no raw control characters (the writer escapes
# only line breaks) and no lone surrogates: such a value would leave a file the next start cannot
# read. A one-line form field has no use for them anyway.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class SettingValue:
    key: str
    type: type
    value: Any
    default: Any
    description: str
    source: str  # "default", "Benutzerkonfiguration …", "Umgebung" …


def settings_of(config: Config, group: str) -> list[SettingValue]:
    if group not in GROUPS:
        raise KeyError(f"unknown settings group {group!r}")
    return [
        SettingValue(s.key, s.type, config[s.key], s.default, s.description, config.source(s.key))
        for s in SETTINGS
        if s.key.startswith(group + ".")
    ]


def _number_range(key: str) -> tuple[float, float] | None:
    if key.startswith("matching.weight_"):
        return _WEIGHT_RANGE
    return next((r for suffix, r in _RANGES.items() if key.endswith(suffix)), None)


def validate_settings(
    values: Mapping[str, Any], reference: ReferenceData | None = None
) -> list[FieldError]:
    """Field errors for settings of the editable groups; values may still be text from a form."""
    errors: list[FieldError] = []
    coerced: dict[str, Any] = {}
    for key, raw in values.items():
        if key.split(".")[0] not in GROUPS or key not in _KEYS:
            errors.append(FieldError(key, f"„{key}“ lässt sich hier nicht einstellen."))
            continue
        try:
            value = Config.defaults().with_values(**{key.replace(".", "__"): raw})[key]
        except (UserError, OverflowError):  # OverflowError: int(float("inf"))
            wanted = _EXPECTED.get(setting(key).type, "ein Text")
            errors.append(FieldError(key, f"„{raw}“ ist hier nicht gültig; erwartet: {wanted}."))
            continue
        if isinstance(value, str) and _CONTROL.search(value):
            errors.append(
                FieldError(
                    key, "Bitte ohne Steuerzeichen (z. B. Zeilenumbruch oder Tabulator) eingeben."
                )
            )
            continue
        coerced[key] = value
        bounds = _number_range(key)
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            low, high = (_german_number(b) for b in bounds)
            errors.append(FieldError(key, f"Der Wert muss zwischen {low} und {high} liegen."))
    postcode = str(coerced.get("office.postcode", "")).strip()
    if postcode and reference is not None and not reference.gazetteer.is_valid_postcode(postcode):
        errors.append(FieldError("office.postcode", f"Die Postleitzahl {postcode} gibt es nicht."))
    email = str(coerced.get("office.email", "")).strip()
    if email and not EMAIL_PATTERN.match(email):
        errors.append(FieldError("office.email", f"„{email}“ ist keine gültige E-Mail-Adresse."))
    logo = str(coerced.get("office.logo_path", "")).strip()
    if logo and (not Path(logo).is_file() or Path(logo).suffix.lower() not in LOGO_SUFFIXES):
        errors.append(
            FieldError(
                "office.logo_path", "Das Logo muss eine vorhandene PNG- oder JPEG-Datei sein."
            )
        )
    arrive_by = coerced.get("commute.arrive_by")
    if arrive_by is not None and parse_clock(str(arrive_by)) is None:
        errors.append(
            FieldError(
                "commute.arrive_by", f"„{arrive_by}“ ist keine Uhrzeit: bitte HH:MM, z. B. 07:30."
            )
        )
    ui_language = coerced.get("ui.language")
    if ui_language is not None and ui_language not in ("de", "en"):
        errors.append(FieldError("ui.language", "Sprache der Oberfläche: de oder en."))
    language = coerced.get("sheet.default_language")
    if language is not None and language not in SHEET_LANGUAGES:
        errors.append(
            FieldError(
                "sheet.default_language", "Sprache des Chancenblatts: de, de-simple oder en."
            )
        )
    weights = {k: v for k, v in coerced.items() if k.startswith("matching.weight_")}
    if weights and len(weights) == len(_WEIGHTS) and not any(weights.values()):
        errors.append(
            FieldError("matching.weight_occupation", "Mindestens ein Gewicht muss > 0 sein.")
        )
    return errors


def _german_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def save_settings(
    values: Mapping[str, Any],
    *,
    reference: ReferenceData | None = None,
    user_file: Path | None = None,
) -> Config:
    """Validate and write into the user config file; returns the settings as now in effect."""
    errors = validate_settings(values, reference)
    if errors:
        raise ValidationError(errors)
    write_user_config(values, user_file)
    return Config.load(user_file=user_file)


# -- pathway templates ---------------------------------------------------------------------------


def office_templates_path() -> Path:
    return paths.user_config_dir() / OFFICE_TEMPLATES_FILE


def effective_templates() -> dict[str, dict[str, str]]:
    """language → key → text as the sheets use them now."""
    office = office_templates_path()
    templates = load_templates(office if office.is_file() else None)
    return {language: dict(texts) for language, texts in templates.by_language.items()}


def shipped_templates() -> dict[str, dict[str, str]]:
    return {language: dict(texts) for language, texts in load_templates(None).by_language.items()}


def placeholders(text: str) -> set[str]:
    """{employer} … in a template; raises ValueError on an unbalanced brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def validate_templates(templates: Mapping[str, Mapping[str, str]]) -> list[FieldError]:
    """Field "language.key": every text keeps exactly the shipped text's placeholders."""
    shipped = shipped_templates()
    errors: list[FieldError] = []
    for language, texts in templates.items():
        for key, text in texts.items():
            field = f"{language}.{key}"
            if language not in shipped or key not in TEMPLATE_KEYS:
                errors.append(FieldError(field, f"Unbekannte Vorlage „{field}“."))
                continue
            if not text.strip():
                continue  # empty: the shipped text is used
            expected = placeholders(shipped[language].get(key) or shipped["de"][key])
            try:
                found = placeholders(text)
            except ValueError:
                errors.append(FieldError(field, "Eine geschweifte Klammer { oder } ist zu viel."))
                continue
            if any(
                spec or conversion
                for _, name, spec, conversion in string.Formatter().parse(text)
                if name is not None
            ):
                # "{employer:d}" or "{employer!x}" would pass the names but fail when printing
                errors.append(
                    FieldError(
                        field,
                        "Platzhalter bitte ohne Zusätze wie „:“ oder „!“ schreiben, "
                        "z. B. {employer}.",
                    )
                )
                continue
            missing = sorted(expected - found)
            unknown = sorted(found - expected)
            if missing:
                names = ", ".join("{" + n + "}" for n in missing)
                errors.append(FieldError(field, f"Der Platzhalter {names} fehlt."))
            if unknown:
                names = ", ".join("{" + n + "}" for n in unknown)
                errors.append(
                    FieldError(field, f"Den Platzhalter {names} kennt diese Vorlage nicht.")
                )
    return errors


def save_templates(templates: Mapping[str, Mapping[str, str]]) -> Path:
    """Write the office copy. Texts given replace the office's; an empty text or one equal to the
    shipped text goes back to the shipped one. Texts not given stay as they were."""
    errors = validate_templates(templates)
    if errors:
        raise ValidationError(errors)
    shipped = shipped_templates()
    target = office_templates_path()
    office: dict[str, dict[str, str]] = {}
    if target.is_file():
        try:
            loaded = json.loads(target.read_text(encoding="utf-8"))
            office = {
                language: {k: v for k, v in texts.items() if isinstance(v, str)}
                for language, texts in loaded.items()
                if not language.startswith("_") and isinstance(texts, dict)
            }
        except (OSError, ValueError):
            office = {}  # a broken copy is replaced (the sheets ignore it anyway)
    for language, texts in templates.items():
        entries = office.setdefault(language, {})
        for key, text in texts.items():
            if text.strip() and text.strip() != shipped[language].get(key):
                entries[key] = text.strip()
            else:
                entries.pop(key, None)
    data: dict[str, Any] = {
        "_comment": "Von der Beratungsstelle geänderte Texte für „Dein Weg“; "
        f"alle übrigen kommen aus {shipped_templates_path().name}."
    }
    data.update({language: texts for language, texts in office.items() if texts})
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporary.replace(target)
    return target


def reset_templates() -> bool:
    """Back to the shipped texts; True if an office copy was removed."""
    target = office_templates_path()
    if not target.is_file():
        return False
    target.unlink()
    return True
