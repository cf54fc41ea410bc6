"""Verdicts: what scoring decided for each criterion of a pair, once, for flags and reasons alike.

`scoring.score_pairs` sets each criterion's exclusion flag from one condition and keeps a rule
that judges the criterion from the very same conditions (`PairScores.verdicts_at`): SHORT exactly
where the flag is set. `explain.Explainer` turns these verdicts into reasons, so a criterion
that excludes a pair can never also say that it fits. Verdicts are judged only for the pairs
that are explained (a few dozen of thousands scored).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

NOT_ASKED = 0  # the offer asks nothing here: no sentence
FITS = 1
OVER = 2  # more than asked (over-qualified)
SHORT = 3  # the criterion is not met: its flag is set (near miss or out)
UNKNOWN = 4  # the client's side is not recorded
UNCLEAR = 5  # the offer's type is unclear, so whether the criterion applies is unknown

# The commute's own verdicts: WITHIN = FITS, BEYOND = SHORT (too far, no move wanted).
WITHIN = FITS
BEYOND = SHORT
RELOCATION = 6  # beyond the commute, but the client would move
PLACE_UNKNOWN = 7  # the offer has no coordinates: no distance, no commute (F_PLACE)
HOME_UNKNOWN = 8  # the client's home has no coordinates
NO_MODE = 9  # none of the modes asked for is one the client can use
NO_CONNECTION = 10  # the timetable knows both places and finds no connection arriving in time

# Criteria in the order an exclusion is named (a near miss has exactly one).
CRITERIA = (
    "commute",
    "school",
    "level",
    "start",
    "working_time",
    "fixed_term",
    "licence",
    "german",
    "skills",
    "agency",
    "reserved",
)


def first(default: int, size: int, *cases: tuple[Any, int]) -> NDArray[np.int8]:
    """A verdict per pair: the first case whose condition holds, else `default`. Conditions
    are arrays or scalars (one side of the pairs may be a single offer or client)."""
    result = np.full(size, default, dtype=np.int8)
    for condition, value in reversed(cases):
        result[condition] = value  # a scalar True sets all, False none
    return result


def at(condition: Any, pairs: NDArray[np.intp]) -> Any:
    """A condition for some of the pairs (a scalar holds for all)."""
    return condition[pairs] if np.ndim(condition) else condition
