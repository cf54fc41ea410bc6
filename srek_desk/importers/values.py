"""Reading single values as German offices write them: dates, yes/no, decimals, offer types.

Each `parse_*` returns the value or raises `ValueError` with a German reason; readers turn that
into a `RowError` naming line and column.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import UTC, date, datetime
from pathlib import Path

from srek_desk.db.codes import join_codes
from srek_desk.importers.errors import ImportRefused

# A file bigger than this is refused before it is read (memory stays bounded).
MAX_FILE_BYTES = 150 * 1024 * 1024
# More rows (records) than this are refused while reading: a file of tiny rows would otherwise
# fill the memory long before the byte limit.
MAX_RECORDS = 500_000
# An offer text longer than this is no description but a broken or hostile file.
MAX_TEXT_CHARS = 100_000

_SPACES = re.compile(r"\s+")
_DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_MOMENT = re.compile(r"(\S+)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_YES = frozenset({"ja", "j", "yes", "y", "1", "true", "wahr", "x", "befristet"})
_NO = frozenset({"nein", "n", "no", "0", "false", "falsch", "unbefristet", "-"})

OFFER_TYPE_WORDS: dict[str, str] = {
    "ausbildung": "ausbildung",
    "ausbildungsplatz": "ausbildung",
    "ausbildungsstelle": "ausbildung",
    "berufsausbildung": "ausbildung",
    "lehrstelle": "ausbildung",
    "4": "ausbildung",
    "arbeit": "arbeit",
    "arbeitsplatz": "arbeit",
    "arbeitsstelle": "arbeit",
    "stelle": "arbeit",
    "job": "arbeit",
    "1": "arbeit",
    "selbstaendigkeit": "arbeit",
    "2": "arbeit",
    "fachkraft": "arbeit",
    "helfer": "arbeit",
    "fuehrungskraft": "arbeit",
    "duales studium": "duales_studium",
    "duales_studium": "duales_studium",
    "dualesstudium": "duales_studium",
    "studium dual": "duales_studium",
    "praktikum": "praktikum",
    "praktikum trainee": "praktikum",
    "praktikum / trainee": "praktikum",
    "praktikum_trainee": "praktikum",
    "trainee": "praktikum",
    "einstiegsqualifizierung": "praktikum",
    "eq": "praktikum",
    "praktikum / einstiegsqualifizierung": "praktikum",
    "34": "praktikum",
    "ausbildung/duales studium": "ausbildung",
    "praktikum/trainee": "praktikum",
    "unklar": "unklar",
    "art unklar": "unklar",
    "unbekannt": "unklar",
}
# What a title names for certain ("Ausbildung Mechatroniker/in 2027", "Koch/Köchin (Ausbildung)",
# "Duales Studium BWL", "Praktikum im Lager"). Someone who trains others ("Ausbilder/in",
# "Leitung Ausbildung") is no trainee: such titles name nothing.
_TITLE_TYPES = (
    (re.compile(r"\bdual(?:es|er)? stud|\bstudium \(?dual\b"), "duales_studium"),
    (re.compile(r"\bausbildung\b|\bausbildungs(?:platz|stelle)\b|\bazubis?\b|\bauszubildende"
                r"|\blehrstelle\b|\bberufsausbildung\b"), "ausbildung"),
    (re.compile(r"praktikum|\bpraktikant|\btrainee\b|\beinstiegsqualifizierung"), "praktikum"),
)  # fmt: skip
_TRAINERS = re.compile(
    r"\b(?:ausbilder|leit(?:er|ung)|referent|koordinator|manager|dozent|lehrkraft|lehrer"
    r"|betreuer|beauftragte)"
)

WORKING_TIME_WORDS: dict[str, str] = {
    "vollzeit": "vollzeit",
    "vz": "vollzeit",
    "teilzeit": "teilzeit",
    "tz": "teilzeit",
    "schicht": "schicht",
    "schichtarbeit": "schicht",
    "schicht_nachtarbeit_wochenende": "schicht",
    "schicht nachtarbeit wochenende": "schicht",
    "snw": "schicht",
    "nachtarbeit": "schicht",
    "minijob": "minijob",
    "mj": "minijob",
    "geringfuegig": "minijob",
    "geringfuegige beschaeftigung": "minijob",
    "450 euro": "minijob",
    "520 euro": "minijob",
    "538 euro": "minijob",
}

STATE_NAMES_TO_CODES: dict[str, str] = {
    "baden-wuerttemberg": "BW",
    "bayern": "BY",
    "berlin": "BE",
    "brandenburg": "BB",
    "bremen": "HB",
    "hamburg": "HH",
    "hessen": "HE",
    "mecklenburg-vorpommern": "MV",
    "niedersachsen": "NI",
    "nordrhein-westfalen": "NW",
    "rheinland-pfalz": "RP",
    "saarland": "SL",
    "sachsen": "SN",
    "sachsen-anhalt": "ST",
    "schleswig-holstein": "SH",
    "thueringen": "TH",
}

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, umlauts spelt out, spaces squeezed: how look-up keys are compared."""
    folded = text.strip().lower().translate(_FOLD)
    # Printable text has no whitespace but " " (all other is a separator or control character):
    # without "  " there is nothing to squeeze, and the regular expression can be skipped.
    if folded.isprintable() and "  " not in folded:
        return folded
    return _SPACES.sub(" ", folded)


def clean(text: object) -> str:
    if text is None:
        return ""
    value = text if type(text) is str else str(text)
    if value.isprintable() and "  " not in value:  # nothing to squeeze (see fold)
        return value.strip()
    return _SPACES.sub(" ", value).strip()


def read_limited(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; refuses missing, empty and oversized files before reading them."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportRefused(f"Die Datei {name} gibt es nicht oder sie ist nicht lesbar.") from None
    if not path.is_file():
        raise ImportRefused(f"{name} ist keine Datei.")
    if size > max_bytes:
        raise ImportRefused(
            f"Die Datei {name} ist {size / 1024 / 1024:.0f} MB groß; eingelesen werden höchstens "
            f"{max_bytes / 1024 / 1024:.0f} MB. Bitte die Datei aufteilen."
        )
    data = path.read_bytes()
    if not data.strip():
        raise ImportRefused(f"Die Datei {name} ist leer.")
    return data


def german_count(number: int) -> str:
    """500000 -> '500.000'."""
    return f"{number:,}".replace(",", ".")


def parse_date(value: object) -> date | None:
    """'01.08.2027', '1.8.27', '2027-08-01', a spreadsheet date; '' -> None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(value)
    if not text:
        return None
    match = _DATE_DE.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year < 70 else 1900
    else:
        match = _DATE_ISO.match(text)
        if not match:
            raise ValueError(f"„{text}“ ist kein Datum (erwartet TT.MM.JJJJ)")
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"„{text}“ ist kein gültiges Datum (diesen Tag gibt es nicht)") from None


def parse_timestamp(value: object) -> datetime | None:
    """ISO timestamps ('2026-03-20T10:15:30.000Z', '2021-07-25T13:12:33.913') -> aware UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = clean(value)
        if not text:
            return None
        german = None if text[4:5] == "-" else _GERMAN_MOMENT.fullmatch(text)  # ISO: no
        if german and _DATE_DE.fullmatch(german.group(1)):
            day = parse_date(german.group(1))
            assert day is not None
            hour, minute, second = (int(g or 0) for g in german.groups()[1:])
            if hour > 23 or minute > 59 or second > 59:
                raise ValueError(f"„{text}“ ist keine gültige Uhrzeit")
            moment = datetime(day.year, day.month, day.day, hour, minute, second)
        else:
            try:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"„{text}“ ist kein Zeitstempel") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the BA sends local times without zone; close enough
    try:
        return moment.astimezone(UTC).replace(microsecond=0)
    except OverflowError:  # 0001-01-01T00:00+05:00 lies before the first day Python knows
        raise ValueError(f"„{clean(value)}“ liegt außerhalb des Kalenders") from None


def parse_bool(value: object) -> bool | None:
    """'ja'/'nein', 'x', '1', booleans; '' -> None."""
    if value is None or isinstance(value, bool):
        return value
    text = fold(str(value))
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"„{clean(value)}“ ist weder „ja“ noch „nein“")


def parse_decimal(value: object) -> float | None:
    """'51,3127' or '51.3127' or a number; '' -> None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits (JSON allows it)
            raise ValueError("die Zahl ist viel zu groß") from None
    else:
        text = clean(value).replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"„{clean(value)}“ ist keine Zahl") from None
    if not math.isfinite(number):  # "nan", "inf", "1e999", JSON NaN/Infinity
        raise ValueError(f"„{clean(value)}“ ist keine Zahl")
    return number


def parse_int(value: object) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(f"„{clean(value)}“ ist keine ganze Zahl")
    return int(number)


def parse_offer_type(value: object) -> str | None:
    text = fold(clean(value))
    if not text:
        return None
    code = OFFER_TYPE_WORDS.get(text) or OFFER_TYPE_WORDS.get(text.replace("_", " "))
    if code is None:
        raise ValueError(
            f"„{clean(value)}“ ist keine Angebotsart (Ausbildung, Arbeit, Duales Studium, "
            "Praktikum, Art unklar)"
        )
    return code


@functools.lru_cache(maxsize=8192)  # titles repeat ("Verkäufer/in (m/w/d)")
def offer_type_from_title(title: str) -> str | None:
    """The offer type a title names ("Ausbildung zum …", "Azubi", "duales Studium", "Praktikum"),
    else None; a title about training others ("Ausbilder/in", "Leitung Ausbildung") names none."""
    text = fold(title)
    if not text or _TRAINERS.search(text):
        return None
    for pattern, code in _TITLE_TYPES:
        if pattern.search(text):
            return code
    return None


def parse_working_time(value: object) -> str:
    """'Vollzeit', 'Vollzeit, Teilzeit', 'VOLLZEIT' -> 'vollzeit,teilzeit'; unknown words fail."""
    parts = [fold(p) for p in re.split(r"[,;/+]|\bund\b|\boder\b", clean(value))]
    codes: list[str] = []
    for part in parts:
        if not part:
            continue
        if part in {"heim_telearbeit", "heimarbeit", "ho", "homeoffice", "home office"}:
            continue  # a place of work, not a working time
        code = WORKING_TIME_WORDS.get(part) or WORKING_TIME_WORDS.get(part.replace("_", " "))
        if code is None:
            raise ValueError(
                f"„{part}“ ist keine Arbeitszeit (Vollzeit, Teilzeit, Schicht, Minijob)"
            )
        codes.append(code)
    return join_codes(codes)


def parse_postcode(value: object) -> str:
    """'37213', 37213, '7745' (lost its leading zero in a spreadsheet) -> '37213' / '07745'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(value).replace(" ", "")
    if not text:
        return ""
    if text.startswith(("D-", "DE-")):
        text = text.split("-", 1)[1]
    # isascii: str.isdigit() also accepts "²" and Arabic-Indic digits
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        raise ValueError(f"„{clean(value)}“ ist keine Postleitzahl (5 Ziffern)")
    if len(text) < 4:
        raise ValueError(f"„{clean(value)}“ ist keine Postleitzahl (5 Ziffern)")
    return text.zfill(5)


def state_code(region: str) -> str:
    """'Hessen' -> 'HE'; '' when not a German state."""
    return STATE_NAMES_TO_CODES.get(fold(region).replace(" ", "-"), "")


def parse_kldb(value: object) -> str | None:
    text = clean(value).replace(" ", "")
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text:
        return None
    if text.upper().startswith("B"):
        text = text[1:]
    text = text.split("-")[0]
    if not (text.isascii() and text.isdigit()) or len(text) != 5 or text[4] not in "1234":
        raise ValueError(f"„{clean(value)}“ ist keine KldB-Kennziffer (5 Ziffern)")
    return text
