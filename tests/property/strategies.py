"""Hypothesis strategies shared by the property tests: text as offices (and accidents) write it."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from srek_desk.reference.catalog import ReferenceData

_REFERENCE = ReferenceData()
POSTCODES: list[str] = sorted(_REFERENCE.gazetteer.postcodes())
KLDB_CODES: list[str] = sorted(o.code for o in _REFERENCE.occupations)

# Any text, including control characters, combining marks, right-to-left and astral characters.
ANY_TEXT = st.text(max_size=40)
# Text around and beyond the column lengths (60 … 500 characters).
LONG_TEXT = st.text(min_size=55, max_size=520)
SOME_TEXT = st.one_of(ANY_TEXT, LONG_TEXT)
# Text a person types into a line edit: printable, no line breaks.
TYPED_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)

HUGE_INTS = st.one_of(st.integers(), st.integers(min_value=2**62, max_value=2**80))
ANY_DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def codes(known: list[str] | tuple[str, ...], *, max_size: int = 4) -> st.SearchStrategy:
    """Tuples of codes, mostly known ones, sometimes garbage."""
    return st.lists(
        st.one_of(st.sampled_from(sorted(known)), st.text(max_size=6)), max_size=max_size
    ).map(tuple)


def garbled(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly plausible values, sometimes anything at all."""
    return st.one_of(plausible, plausible, SOME_TEXT)
