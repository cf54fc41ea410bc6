"""Full-text search over offers: SQLite FTS5 where available, LIKE elsewhere (PostgreSQL).

Words are matched as prefixes of the words in title, employer, place, postcode, reference and
KldB code, ignoring case and accents ("gott" finds Göttingen); every word must match.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, literal_column, select, table, text

OFFER_SEARCH_TABLE = "offer_fts"


def is_search_table(name: str | None) -> bool:
    """Tables SQLite manages for the index (offer_fts and its shadow tables)."""
    return bool(name) and str(name).startswith(OFFER_SEARCH_TABLE)


def match_query(search: str) -> str | None:
    """The FTS5 MATCH expression for what a person typed; None if nothing searchable is left."""
    words = [w for w in search.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def full_text_condition(id_column: Any, search: str) -> ColumnElement[bool]:
    """`id IN (rows of the FTS index matching every word)`; nothing matches punctuation alone."""
    query = match_query(search)
    if query is None:
        return false()
    hits: Any = (
        select(literal_column("rowid"))
        .select_from(table(OFFER_SEARCH_TABLE))
        .where(text(f"{OFFER_SEARCH_TABLE} MATCH :offer_search").bindparams(offer_search=query))
    )
    return id_column.in_(hits)  # type: ignore[no-any-return]
