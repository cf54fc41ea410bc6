"""School and vocational qualifications, CEFR language levels, languages and driving licence classes.

Each table is an ordered tuple of frozen records with a stable code (stored in the database) and
German names; `parse_*` functions read what counsellors and employers actually write
("Realschulabschluss", "MSA", "Abi", "Gesellenbrief", "B1", "Muttersprache", "B, BE").
The school and vocational tables are declared in `qualification_levels` and re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from srek_desk.reference.qualification_levels import (
    SCHOOL_LEVELS,
    VOCATIONAL_LEVELS,
    SchoolLevel,
    VocationalLevel,
)

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower().translate(_TRANSLITERATION)).strip()


def _compact(text: str) -> str:
    return _key(text).replace(" ", "")


def _alias_table(levels: tuple[SchoolLevel, ...] | tuple[VocationalLevel, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for level in levels:
        for text in (level.code, level.name, *level.aliases):
            table.setdefault(_compact(text), level.code)
    return table


_SCHOOL_ALIASES = _alias_table(SCHOOL_LEVELS)
_VOCATIONAL_ALIASES = _alias_table(VOCATIONAL_LEVELS)
_SCHOOL_BY_CODE = {level.code: level for level in SCHOOL_LEVELS}
_VOCATIONAL_BY_CODE = {level.code: level for level in VOCATIONAL_LEVELS}


def _parse(text: str, aliases: dict[str, str]) -> str | None:
    compact = _compact(text)
    if not compact:
        return None
    if compact in aliases:
        return aliases[compact]
    # Typos ("Realschulabschlus") but no guessing between words that merely look alike.
    match = process.extractOne(compact, list(aliases), scorer=fuzz.ratio, score_cutoff=88)
    return aliases[match[0]] if match else None


def school_by_code(code: str) -> SchoolLevel | None:
    return _SCHOOL_BY_CODE.get(code)


def vocational_by_code(code: str) -> VocationalLevel | None:
    return _VOCATIONAL_BY_CODE.get(code)


def parse_school(text: str) -> SchoolLevel | None:
    """The school qualification a free text names, or None."""
    code = _parse(text, _SCHOOL_ALIASES)
    return _SCHOOL_BY_CODE[code] if code else None


def parse_vocational(text: str) -> VocationalLevel | None:
    """The vocational qualification a free text names, or None."""
    code = _parse(text, _VOCATIONAL_ALIASES)
    return _VOCATIONAL_BY_CODE[code] if code else None


# -- languages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CefrLevel:
    code: str  # "A1" … "C2"
    name: str
    rank: int  # 1 … 6


CEFR_LEVELS: tuple[CefrLevel, ...] = (
    CefrLevel("A1", "A1 – Anfänger", 1),
    CefrLevel("A2", "A2 – Grundlegende Kenntnisse", 2),
    CefrLevel("B1", "B1 – Fortgeschrittene Sprachverwendung", 3),
    CefrLevel("B2", "B2 – Selbständige Sprachverwendung", 4),
    CefrLevel("C1", "C1 – Fachkundige Sprachkenntnisse", 5),
    CefrLevel("C2", "C2 – Annähernd muttersprachliche Kenntnisse", 6),
)
_CEFR_BY_CODE = {level.code: level for level in CEFR_LEVELS}
_CEFR_CODE = re.compile(r"\b([abc])\s*([12])(?:\.\d)?\s*\+?(?![0-9])")
# What people write instead of a level; mapped to the level it usually means.
_CEFR_WORDS = {
    "muttersprache": "C2",
    "muttersprachlich": "C2",
    "native": "C2",
    "verhandlungssicher": "C1",
    "fliessend": "C1",
    "sehr gut": "C1",
    "gut": "B2",
    "gute kenntnisse": "B2",
    "grundkenntnisse": "A2",
    "basiskenntnisse": "A2",
    "anfaenger": "A1",
}


def cefr_by_code(code: str) -> CefrLevel | None:
    return _CEFR_BY_CODE.get(code.upper())


def parse_cefr(text: str) -> CefrLevel | None:
    """ "B1", "b1+", "Niveau B 2", "C1.2", "Muttersprache" -> level; None if unknown."""
    key = _key(text)
    if key in _CEFR_WORDS:
        return _CEFR_BY_CODE[_CEFR_WORDS[key]]
    match = _CEFR_CODE.search(text.lower())
    if match:
        return _CEFR_BY_CODE[f"{match.group(1).upper()}{match.group(2)}"]
    return None


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1; ISO 639-3 where 639-1 has none (Dari: "prs")
    name: str
    aliases: tuple[str, ...] = ()


LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch", ("German",)),
    Language("en", "Englisch", ("English",)),
    Language("ar", "Arabisch", ("Arabic",)),
    Language("tr", "Türkisch", ("Turkish",)),
    Language("ru", "Russisch", ("Russian",)),
    Language("uk", "Ukrainisch", ("Ukrainian",)),
    Language("pl", "Polnisch", ("Polish",)),
    Language("ro", "Rumänisch", ("Romanian",)),
    Language("prs", "Dari", ("Afghanisches Persisch",)),
    Language("ps", "Paschtu", ("Paschto", "Pashto", "Paschtunisch")),
    Language("fa", "Farsi", ("Persisch", "Persian")),
    Language("ti", "Tigrinya", ("Tigrinisch", "Tigrigna")),
    Language("ku", "Kurdisch", ("Kurmandschi", "Kurmanji", "Sorani")),
    Language("fr", "Französisch", ("French",)),
    Language("es", "Spanisch", ("Spanish",)),
    Language("it", "Italienisch", ("Italian",)),
    Language("pt", "Portugiesisch", ("Portuguese",)),
    Language("bg", "Bulgarisch", ("Bulgarian",)),
    Language("hr", "Kroatisch", ("Croatian",)),
    Language("sr", "Serbisch", ("Serbian",)),
    Language("bs", "Bosnisch", ("Bosnian",)),
    Language("sq", "Albanisch", ("Albanian",)),
    Language("el", "Griechisch", ("Greek",)),
    Language("hu", "Ungarisch", ("Hungarian",)),
    Language("cs", "Tschechisch", ("Czech",)),
    Language("ka", "Georgisch", ("Georgian",)),
    Language("so", "Somali", ("Somalisch",)),
    Language("am", "Amharisch", ("Amharic",)),
    Language("ur", "Urdu", ()),
    Language("hi", "Hindi", ()),
    Language("vi", "Vietnamesisch", ("Vietnamese",)),
    Language("zh", "Chinesisch", ("Mandarin", "Chinese")),
    Language("nl", "Niederländisch", ("Dutch", "Holländisch")),
)
_LANGUAGE_BY_CODE = {language.code: language for language in LANGUAGES}
_LANGUAGE_ALIASES = {
    _compact(text): language.code
    for language in LANGUAGES
    for text in (language.code, language.name, *language.aliases)
}


def language_by_code(code: str) -> Language | None:
    return _LANGUAGE_BY_CODE.get(code.lower())


def parse_language(text: str) -> Language | None:
    """ "Englisch", "english", "EN", "Persisch" -> language; None if unknown."""
    code = _parse(text, _LANGUAGE_ALIASES)
    return _LANGUAGE_BY_CODE[code] if code else None


# -- driving licences ------------------------------------------------------------------------

DRIVING_LICENCE_CLASSES: dict[str, str] = {
    "AM": "Kleinkrafträder und Roller bis 45 km/h",
    "A1": "Leichtkrafträder bis 125 cm³ und 11 kW",
    "A2": "Krafträder bis 35 kW",
    "A": "Krafträder ohne Leistungsbegrenzung",
    "B": "Pkw bis 3,5 t",
    "BE": "Pkw mit Anhänger über 750 kg",
    "C1": "Lkw bis 7,5 t",
    "C1E": "Lkw bis 7,5 t mit Anhänger",
    "C": "Lkw über 3,5 t",
    "CE": "Lkw über 3,5 t mit Anhänger (Sattelzug)",
    "D1": "Kleinbusse bis 16 Fahrgastplätze",
    "D1E": "Kleinbusse mit Anhänger",
    "D": "Busse",
    "DE": "Busse mit Anhänger",
    "T": "Zugmaschinen bis 60 km/h (Land- und Forstwirtschaft)",
    "L": "Zugmaschinen bis 40 km/h (Land- und Forstwirtschaft)",
}
_LICENCE_ORDER = {code: index for index, code in enumerate(DRIVING_LICENCE_CLASSES)}
_LICENCE_NOISE = frozenset({"KLASSE", "KLASSEN", "FUEHRERSCHEIN", "FS", "UND"})


def parse_licences(text: str) -> tuple[str, ...]:
    """ "B, BE", "Klasse B/BE", "c1e + b" -> known classes in canonical order, unknown words dropped."""
    words = re.split(r"[^A-Z0-9]+", text.upper())
    found = {word for word in words if word in _LICENCE_ORDER and word not in _LICENCE_NOISE}
    return tuple(sorted(found, key=_LICENCE_ORDER.__getitem__))


__all__ = [
    "CEFR_LEVELS",
    "DRIVING_LICENCE_CLASSES",
    "LANGUAGES",
    "SCHOOL_LEVELS",
    "VOCATIONAL_LEVELS",
    "CefrLevel",
    "Language",
    "SchoolLevel",
    "VocationalLevel",
    "cefr_by_code",
    "language_by_code",
    "parse_cefr",
    "parse_language",
    "parse_licences",
    "parse_school",
    "parse_vocational",
    "school_by_code",
    "vocational_by_code",
]
