"""Occupational similarity on KldB 2010 codes, with the counsellors' table of neighbours.

Same 5-digit Berufsgattung 1.0; same 4-digit Berufsuntergruppe at another requirement level 0.8;
a related occupation from the editable table 0.75; same 3-digit Berufsgruppe 0.6; same 2-digit
Berufshauptgruppe 0.35; else 0 (no match). A later wish counts a little less (priority 2: ×0.9).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

EXACT, SAME_GROUP_4, RELATED, SAME_GROUP_3, SAME_GROUP_2, NONE = 5, 4, 3, 2, 1, 0
KIND_VALUE = {
    EXACT: 1.0,
    SAME_GROUP_4: 0.8,
    RELATED: 0.75,
    SAME_GROUP_3: 0.6,
    SAME_GROUP_2: 0.35,
    NONE: 0.0,
}
_VALUES = np.array([KIND_VALUE[k] for k in range(6)])


def priority_factor(priority: Any) -> Any:
    return np.clip(1.0 - 0.1 * (np.asarray(priority) - 1), 0.6, 1.0)


class RelatedOccupations:
    """Symmetric pairs of 5-digit codes with the reason counsellors give."""

    def __init__(self, pairs: Iterable[tuple[str, str, str]] = ()) -> None:
        self._reasons: dict[tuple[int, int], str] = {}
        self._neighbours: dict[int, set[int]] = {}
        for a, b, reason in pairs:
            self.add(a, b, reason)

    def add(self, a: str, b: str, reason: str) -> None:
        x, y = int(a), int(b)
        if x == y:
            return
        self._reasons[(x, y)] = self._reasons[(y, x)] = reason
        self._neighbours.setdefault(x, set()).add(y)
        self._neighbours.setdefault(y, set()).add(x)

    def neighbours(self, code: int) -> set[int]:
        return self._neighbours.get(code, set())

    def reason(self, a: int, b: int) -> str:
        return self._reasons.get((a, b), "")

    def __len__(self) -> int:
        return len(self._reasons) // 2

    def ordered_pairs(self) -> list[tuple[int, int]]:
        """Every related pair in both orders, (a, b) and (b, a)."""
        return list(self._reasons)


def kinds(
    offer_codes: NDArray[np.int32], wish: int, related: RelatedOccupations
) -> NDArray[np.int8]:
    """Similarity kind of every offer code to one wished code (0 where unrelated)."""
    result = np.zeros(offer_codes.shape, dtype=np.int8)
    if wish <= 0:
        return result
    known = offer_codes > 0
    result[known & (offer_codes // 1000 == wish // 1000)] = SAME_GROUP_2
    result[known & (offer_codes // 100 == wish // 100)] = SAME_GROUP_3
    neighbours = related.neighbours(wish)
    if neighbours:
        result[np.isin(offer_codes, np.fromiter(neighbours, np.int32))] = RELATED
    result[known & (offer_codes // 10 == wish // 10)] = SAME_GROUP_4
    result[offer_codes == wish] = EXACT
    return result


def kind_values(kind: NDArray[np.int8]) -> NDArray[np.float64]:
    return _VALUES[kind]
