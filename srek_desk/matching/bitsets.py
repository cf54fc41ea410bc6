"""Skill codes as bit sets (NumPy uint64 words) so skill checks stay vectorised over many pairs.

A `SkillBits` registry gives every skill code a bit position the first time it appears. The offer
index and the client index share one registry, so bit `i` means the same skill on both sides.
Invariant: every index registers all codes it encodes, so a code registered later (a bit beyond
an index's words) is held or required by none of its rows — padding with zero words is exact.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

WORD_BITS = 64
_WORD_MASK = (1 << WORD_BITS) - 1

Words = NDArray[np.uint64]


class SkillBits:
    """Skill code → bit position, assigned in order of appearance."""

    def __init__(self) -> None:
        self.bit: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.bit)

    def words(self) -> int:
        """Words needed for every code registered so far (at least one)."""
        return max(1, -(-len(self.bit) // WORD_BITS))

    def encode(self, rows: Sequence[Collection[str]], *, register: bool = True) -> Words:
        """One row of words per entry. Unknown codes are registered, or dropped with
        `register=False` (right for a probe: a code no indexed row has cannot matter)."""
        masks: dict[Collection[str], int] = {}  # rows share code tuples: each is resolved once
        values = []
        for row_codes in rows:
            mask = masks.get(row_codes)
            if mask is None:
                mask = masks[row_codes] = self._mask(row_codes, register)
            values.append(mask)
        words = self.words()
        result = np.zeros((len(values), words), dtype=np.uint64)
        for word in range(words):
            shift = word * WORD_BITS
            result[:, word] = np.fromiter(
                ((value >> shift) & _WORD_MASK for value in values), np.uint64, len(values)
            )
        return result

    def _mask(self, row_codes: Iterable[str], register: bool) -> int:
        """The codes as one Python integer (bit i set for the code at position i)."""
        known = self.bit
        mask = 0
        for code in row_codes:
            bit = known.get(code)
            if bit is None:
                if not register:
                    continue
                bit = known[code] = len(known)
            mask |= 1 << bit
        return mask


def fit(words: Words, count: int) -> Words:
    """The same bit sets with exactly `count` words (extra words are zero by the invariant)."""
    have = words.shape[-1]
    if have == count:
        return words
    if have > count:
        return words[..., :count]
    padding = [(0, 0)] * (words.ndim - 1) + [(0, count - have)]
    return np.pad(words, padding)


def count_bits(words: Words) -> NDArray[np.int16]:
    """Number of set bits per bit set (sums over the last axis)."""
    return np.bitwise_count(words).sum(axis=-1, dtype=np.int16)


def flag_mask(codes: Iterable[str], bits: dict[str, int]) -> int:
    mask = 0
    for code in codes:
        mask |= bits.get(code, 0)
    return mask
