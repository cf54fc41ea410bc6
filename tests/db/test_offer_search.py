"""The offer search index follows every write and finds word prefixes regardless of case and accents."""

from __future__ import annotations

from sqlalchemy import delete, text, update

from srek_desk.db.models import Offer
from srek_desk.db.search import match_query
from srek_desk.services.core.listing import ListingService


def test_triggers_exist_at_head(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as connection:
        triggers = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type='trigger'")
            ).scalars()
        )
    assert {"offer_fts_insert", "offer_fts_update", "offer_fts_delete"} <= triggers


def test_index_follows_inserts_updates_and_deletes(demo_database) -> None:  # type: ignore[no-untyped-def]
    offers = ListingService(demo_database, "offers")
    some = offers.page(limit=1)[0][0]
    assert offers.count("Zauberwürfelmacher") == 0
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Offer).where(Offer.id == some).values(title="Ausbildung Zauberwürfelmacher/in")
        )
    assert offers.count("zauberwurfel") == 1  # prefix, case- and accent-insensitive
    assert offers.count("ZAUBERWÜRFELMACHER ausbildung") == 1
    with demo_database.engine.begin() as connection:
        connection.execute(delete(Offer).where(Offer.id == some))
    assert offers.count("Zauberwürfelmacher") == 0


def test_search_by_place_prefix_postcode_and_reference(demo_database) -> None:  # type: ignore[no-untyped-def]
    offers = ListingService(demo_database, "offers")
    gott = offers.count("gött")
    assert gott > 0 and gott == offers.count("GOTT")
    by_postcode = offers.page(search="370", limit=1000)
    assert by_postcode and all(
        row[1 + offers.keys.index("postcode")].startswith("370") for row in by_postcode
    )
    assert offers.count("DEMO3 000007") == 1


def test_match_query_quotes_words_and_drops_punctuation() -> None:
    assert match_query('Kassel "Ausbildung') == '"Kassel"* """Ausbildung"*'
    assert match_query("- %") is None
