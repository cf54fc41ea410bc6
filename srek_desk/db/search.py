"""Full-text search over offers: SQLite FTS5, PostgreSQL tsvector (migration 0005), else LIKE.

Words are matched as prefixes of the words in title, employer, place, postcode, reference and
KldB code, ignoring case and accents ("gott" finds Göttingen); every word must match. Both
indexes live in a table `offer_fts` (id → words) that triggers keep current, whoever writes.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, column, false, func, literal_column, select, table, text

OFFER_SEARCH_TABLE = "offer_fts"
FULL_TEXT_DIALECTS = ("sqlite", "postgresql")

# FTS5's unicode61 tokenizer: a token is a run of letters and digits, everything else separates.
_TOKEN = re.compile(r"[^\W_]+")


def is_search_table(name: str | None) -> bool:
    """Tables of the offer index (offer_fts, and on SQLite its shadow tables): not models."""
    return bool(name) and str(name).startswith(OFFER_SEARCH_TABLE)


def match_query(search: str) -> str | None:
    """The FTS5 MATCH expression for what a person typed; None if nothing searchable is left."""
    words = [w for w in search.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def tsquery_text(search: str) -> str | None:
    """The PostgreSQL to_tsquery text: every token as a prefix, all required; None if empty.

    Only letters and digits reach the query, so nothing a person types is tsquery syntax.
    """
    tokens = _TOKEN.findall(search)
    if not tokens:
        return None
    return " & ".join(f"{token}:*" for token in tokens)


def full_text_condition(
    id_column: Any, search: str, dialect: str = "sqlite"
) -> ColumnElement[bool]:
    """`id IN (rows of the offer index matching every word)`; nothing matches punctuation alone."""
    if dialect == "postgresql":
        query = tsquery_text(search)
        if query is None:
            return false()
        index = table(OFFER_SEARCH_TABLE, column("id"), column("document"))
        # offer_fts_fold: the same folding the index applies to the offers (migration 0005).
        wanted = func.to_tsquery(literal_column("'simple'::regconfig"), func.offer_fts_fold(query))
        hits: Any = select(index.c.id).where(index.c.document.op("@@")(wanted))
        return id_column.in_(hits)  # type: ignore[no-any-return]
    fts5 = match_query(search)
    if fts5 is None:
        return false()
    hits = (
        select(literal_column("rowid"))
        .select_from(table(OFFER_SEARCH_TABLE))
        .where(text(f"{OFFER_SEARCH_TABLE} MATCH :offer_search").bindparams(offer_search=fts5))
    )
    return id_column.in_(hits)  # type: ignore[no-any-return]
