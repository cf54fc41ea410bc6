"""Numeric encodings of stored codes for the column index (ranks, bit masks)."""

from __future__ import annotations

from datetime import date

from srek_desk.db.codes import (
    CLIENT_PREFERENCES,
    OFFER_FLAGS,
    OFFER_TYPES,
    WORKING_TIMES,
    split_codes,
)
from srek_desk.reference.qualifications import (
    CEFR_LEVELS,
    DRIVING_LICENCE_CLASSES,
    school_by_code,
    vocational_by_code,
)

# "unklar" (Art unklar): the record did not say whether it is an Ausbildung or a job; matching
# treats it as either. Listed here even before db.codes knows it, so its index never falls
# back to another type.
UNCLEAR_TYPE = "unklar"
OFFER_TYPE_CODES: tuple[str, ...] = tuple(OFFER_TYPES) + (
    () if UNCLEAR_TYPE in OFFER_TYPES else (UNCLEAR_TYPE,)
)
OFFER_TYPE_INDEX = {code: index for index, code in enumerate(OFFER_TYPE_CODES)}
WORKING_TIME_BITS = {code: 1 << index for index, code in enumerate(WORKING_TIMES)}
CEFR_RANK = {level.code: level.rank for level in CEFR_LEVELS}
CEFR_BY_RANK = {level.rank: level.code for level in CEFR_LEVELS}
LICENCE_CODES: tuple[str, ...] = tuple(DRIVING_LICENCE_CLASSES)
LICENCE_BIT = {code: 1 << index for index, code in enumerate(LICENCE_CODES)}
# BA offer flags and client preferences as small bit masks (one bit per code).
OFFER_FLAG_BIT = {code: 1 << index for index, code in enumerate(OFFER_FLAGS)}
PREFERENCE_BIT = {code: 1 << index for index, code in enumerate(CLIENT_PREFERENCES)}

# Classes that include B in Germany (they can only be acquired with or after B).
_INCLUDES_B = {"BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"}


def school_rank(code: str) -> int:
    """Rank of a school qualification code; -1 where none is stated."""
    level = school_by_code(code) if code else None
    return level.rank if level is not None else -1


def vocational_kldb_level(code: str) -> int:
    """The KldB requirement level a vocational qualification prepares for (1 without one)."""
    level = vocational_by_code(code) if code else None
    return level.kldb_level if level is not None else 1


def working_time_mask(text: str) -> int:
    mask = 0
    for code in split_codes(text):
        mask |= WORKING_TIME_BITS.get(code, 0)
    return mask


def licence_mask(classes: tuple[str, ...] | list[str]) -> int:
    """Bit mask of the classes held, with the classes they imply (C implies B, …)."""
    mask = 0
    for code in classes:
        mask |= LICENCE_BIT.get(code, 0)
        if code in _INCLUDES_B:
            mask |= LICENCE_BIT["B"]
    return mask


def licence_index(code: str) -> int:
    """0 where no licence is required, else 1 + the class's bit position."""
    return LICENCE_CODES.index(code) + 1 if code in LICENCE_BIT else 0


def cefr_rank(code: str) -> int:
    return CEFR_RANK.get(code.upper(), 0) if code else 0


def ordinal(value: date | None) -> int:
    return value.toordinal() if value is not None else 0
